/**
 * The probe: the only grading code that runs inside the learner's realm. It takes an input (JSON
 * text), calls one test's `run` function with it, and hands back JSON text: the value returned and
 * the input as it was afterwards, or a description of what was thrown. No verdict is formed here;
 * every comparison happens outside, against expected values computed outside, so code that patches
 * globals or prototypes can only change its own answer, never the grade.
 *
 * It is kept as JavaScript source text, because it is evaluated inside sandboxes (before any learner
 * code, so it captures the built-ins it uses while they are intact), and a compiled TypeScript
 * function's toString() may mention helpers (such as esbuild's __name) that do not exist there.
 */

/** Results longer than this are refused rather than copied out of the realm. */
export const PROBE_OUTPUT_LIMIT = 1_000_000;

/** The name of the (non-writable, non-configurable) global the probe is installed as. */
export const PROBE_GLOBAL = "__descentProbe";

export type ProbeFunction = (run: (input: unknown) => unknown, inputJson: string) => string;

/**
 * `function (global, limit, tfjs)`: defines global.__descentProbe and returns it. With `tfjs`, each
 * call runs in an engine scope that is closed after its answer is read, so a test's tensors never
 * outlive it (a learner's page keeps its memory; a server context would be dropped anyway).
 */
const INSTALL_PROBE = String.raw`function (global, limit, tfjs) {
  "use strict";
  const engine = tfjs && typeof tfjs.engine === "function" ? tfjs.engine() : undefined;
  const startScope = engine ? engine.startScope.bind(engine) : function () {}, endScope = engine ? engine.endScope.bind(engine) : function () {};
  let scoped = false;
  const stringify = JSON.stringify, parse = JSON.parse, isArray = Array.isArray, arrayFrom = Array.from;
  const isView = ArrayBuffer.isView, isFiniteNumber = Number.isFinite, same = Object.is, text = String;
  const defineProperty = Object.defineProperty, freeze = Object.freeze, apply = Reflect.apply, includes = String.prototype.includes;
  const replacer = function (key, value) {
    if (typeof value === "number") {
      return isFiniteNumber(value) && !same(value, -0) ? value : { $num: same(value, -0) ? "-0" : text(value) };
    }
    if (value === undefined) return { $undefined: true };
    if (typeof value === "bigint") return { $num: text(value) };
    if (typeof value === "function" || typeof value === "symbol") return "<" + typeof value + ">";
    if (typeof value === "object" && value !== null) {
      if (isArray(value.shape) && typeof value.arraySync === "function") return { $tensor: value.shape, dtype: text(value.dtype), values: value.arraySync() };
      if (isView(value)) return arrayFrom(value);
    }
    return value;
  };
  const reviver = function (key, value) {
    if (typeof value === "object" && value !== null && "$num" in value) return value.$num === "-0" ? -0 : +value.$num;
    if (typeof value === "object" && value !== null && "$undefined" in value) return undefined;
    return value;
  };
  const describe = function (error) {
    try {
      if (typeof error === "object" && error !== null) {
        const name = error.name, message = error.message;
        if (typeof name === "string" && typeof message === "string") return name + ": " + message.slice(0, 500);
        return "a value that is not an Error";
      }
      if (typeof error === "string") return "the string " + stringify(error.slice(0, 200));
      return "the value " + text(error).slice(0, 200);
    } catch (_) {
      return "a value that could not be read";
    }
  };
  // Three steps, so that a host can time the learner's call alone: prepare (parse the input),
  // call (run the learner's code), collect (serialize the answer). probe() does all three.
  let input, value, failure, failed = false;
  const prepare = function (inputJson) {
    // The reviver only rebuilds what the host encoded as {"$num": ...} or {"$undefined": true} (as
    // decodeValue does outside); input without either parses without it, several times faster (a test
    // of 100,000 flips: most of an analytics view's time went into this reviver).
    const special = apply(includes, inputJson, ['"$num"']) || apply(includes, inputJson, ['"$undefined"']);
    input = special ? parse(inputJson, reviver) : parse(inputJson);
    value = undefined;
    failure = undefined;
    failed = false;
  };
  const call = function (run) {
    startScope();
    scoped = true;
    try {
      value = run(input);
    } catch (error) {
      failed = true;
      failure = error;
    }
  };
  const collect = function () {
    try {
      return answer();
    } finally {
      if (scoped) {
        scoped = false;
        try { endScope(); } catch (_) {}
      }
    }
  };
  const answer = function () {
    if (failed) return stringify({ ok: false, error: "threw " + describe(failure) });
    try {
      if (typeof value === "object" && value !== null && typeof value.then === "function") {
        return stringify({ ok: false, error: "returned a Promise: return the value itself (no async or await)" });
      }
      const json = stringify({ ok: true, value: value, inputAfter: input }, replacer);
      if (json.length > limit) return stringify({ ok: false, error: "returned a value too large to check (" + json.length + " characters of JSON)" });
      return json;
    } catch (error) {
      return stringify({ ok: false, error: "returned a value that could not be read: " + describe(error) });
    }
  };
  const probe = function (run, inputJson) {
    try {
      prepare(inputJson);
    } catch (error) {
      return stringify({ ok: false, error: "could not be given its input: " + describe(error) });
    }
    call(run);
    return collect();
  };
  probe.prepare = prepare;
  probe.call = call;
  probe.collect = collect;
  freeze(probe);
  defineProperty(global, "${"__descentProbe"}", { value: probe, writable: false, configurable: false, enumerable: false });
  return probe;
}`;

/** Installs the probe on `global` in this realm (the browser kernel's own check), scoping tensors of `tfjs` when given. */
export function installProbe(global: object, limit = PROBE_OUTPUT_LIMIT, tfjs?: unknown): ProbeFunction {
  // eslint-disable-next-line no-new-func -- the same source text the sandboxes evaluate
  return new Function(`return (${INSTALL_PROBE});`)()(global, limit, tfjs) as ProbeFunction;
}

/** A script that installs the probe in a fresh realm (after tf, when it has it): run it before any learner code. */
export function probeInstallScript(limit = PROBE_OUTPUT_LIMIT): string {
  return `(${INSTALL_PROBE})(globalThis, ${limit}, globalThis.tf);`;
}

/** The three steps of one test as separate scripts, so a host can time the call alone. */
export function probeStepScripts(runSource: string, inputJson: string): { prepare: string; call: string; collect: string } {
  return {
    prepare: `${PROBE_GLOBAL}.prepare(${JSON.stringify(inputJson)})`,
    call: `"use strict"; ${PROBE_GLOBAL}.call((${runSource}))`,
    collect: `${PROBE_GLOBAL}.collect()`,
  };
}

/** A script whose completion value is the probe's JSON text for one test. */
export function probeCallScript(runSource: string, inputJson: string): string {
  // Strict, so the learner's functions cannot reach a test's `run` through `fn.caller`.
  return `"use strict"; ${PROBE_GLOBAL}((${runSource}), ${JSON.stringify(inputJson)})`;
}
