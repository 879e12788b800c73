/**
 * The probe: the only grading code that runs inside the learner's realm. It takes an input (JSON
 * text), calls one test's `run` function with it, and hands back JSON text: the value returned and
 * the input as it was afterwards, or a description of what was thrown. No verdict is formed here;
 * every comparison happens outside, against expected values computed outside, so code that patches
 * globals or prototypes can only change its own answer, never the grade.
 *
 * `installProbe` must stay self-contained: its source (`installProbe.toString()`) is evaluated in
 * sandboxes, before any learner code, so it captures the built-ins it uses while they are intact.
 */

/** Results longer than this are refused rather than copied out of the realm. */
export const PROBE_OUTPUT_LIMIT = 1_000_000;

/** The name of the (non-writable) global the probe is installed as. */
export const PROBE_GLOBAL = "__descentProbe";

export type ProbeFunction = (run: (input: unknown) => unknown, inputJson: string) => string;

export function installProbe(global: Record<string, unknown>, limit: number): ProbeFunction {
  const stringify = JSON.stringify;
  const parse = JSON.parse;
  const isArray = Array.isArray;
  const arrayFrom = Array.from;
  const isView = ArrayBuffer.isView;
  const isFiniteNumber = Number.isFinite;
  const same = Object.is;
  const text = String;
  const replacer = function (this: unknown, _key: string, value: unknown): unknown {
    if (typeof value === "number") {
      return isFiniteNumber(value) && !same(value, -0) ? value : { $num: same(value, -0) ? "-0" : text(value) };
    }
    if (value === undefined) return { $undefined: true };
    if (typeof value === "bigint") return { $num: text(value) };
    if (typeof value === "function" || typeof value === "symbol") return `<${typeof value}>`;
    if (typeof value === "object" && value !== null) {
      const tensor = value as { shape?: unknown; arraySync?: unknown };
      if (isArray(tensor.shape) && typeof tensor.arraySync === "function") {
        return { $tensor: tensor.shape, values: (tensor.arraySync as () => unknown)() };
      }
      if (isView(value)) return arrayFrom(value as unknown as ArrayLike<number>);
    }
    return value;
  };
  const reviver = (_key: string, value: unknown): unknown => {
    if (typeof value === "object" && value !== null && "$num" in value) {
      const num = (value as { $num: string }).$num;
      return num === "-0" ? -0 : +num;
    }
    if (typeof value === "object" && value !== null && "$undefined" in value) return undefined;
    return value;
  };
  const describe = (error: unknown): string => {
    try {
      if (typeof error === "object" && error !== null) {
        const name: unknown = (error as { name?: unknown }).name;
        const message: unknown = (error as { message?: unknown }).message;
        if (typeof name === "string" && typeof message === "string") return `${name}: ${message.slice(0, 500)}`;
        return "a value that is not an Error";
      }
      if (typeof error === "string") return `the string ${stringify(error.slice(0, 200))}`;
      return `the value ${text(error).slice(0, 200)}`;
    } catch {
      return "a value that could not be read";
    }
  };
  const probe: ProbeFunction = (run, inputJson) => {
    let input: unknown;
    let value: unknown;
    try {
      input = parse(inputJson, reviver);
      value = run(input);
    } catch (error) {
      return stringify({ ok: false, error: `threw ${describe(error)}` });
    }
    try {
      if (typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function") {
        return stringify({ ok: false, error: "returned a Promise: return the value itself (no async or await)" });
      }
      const json = stringify({ ok: true, value, inputAfter: input }, replacer);
      if (json.length > limit) return stringify({ ok: false, error: `returned a value too large to check (${json.length} characters of JSON)` });
      return json;
    } catch (error) {
      return stringify({ ok: false, error: `returned a value that could not be read: ${describe(error)}` });
    }
  };
  Object.defineProperty(global, "__descentProbe", { value: probe, writable: false, configurable: false, enumerable: false });
  return probe;
}

/** A script that installs the probe in a fresh realm: run it before any learner code. */
export function probeInstallScript(limit = PROBE_OUTPUT_LIMIT): string {
  return `(${installProbe.toString()})(globalThis, ${limit});`;
}

/** A script whose completion value is the probe's JSON text for one test. */
export function probeCallScript(runSource: string, inputJson: string): string {
  return `${PROBE_GLOBAL}((${runSource}), ${JSON.stringify(inputJson)})`;
}
