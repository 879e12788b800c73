/**
 * The assertion library tests are written with. Every failure throws a `GradingFailure` whose
 * message is written for the learner: what was called, what it should give, what it gave.
 */
import { isTensorValue, kindOf, show, showNumber } from "./values";

/** A failed expectation; its message is shown to the learner as it is. */
export class GradingFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GradingFailure";
  }
}

export interface Tolerance {
  /** Largest allowed |actual - expected|. Default 1e-6 when `rel` is not given. */
  abs?: number;
  /** Largest allowed |actual - expected| / |expected|. */
  rel?: number;
}

export interface Described {
  /** How the learner would write the call, e.g. "softmax([1, 2, 3])": messages start with it. */
  what?: string;
}

type Flat = { shape: number[]; values: unknown[] };

/** Nested arrays or a tensor, flattened row-major with its shape; a number has shape []. */
function flatten(value: unknown): Flat | undefined {
  const nested = isTensorValue(value) ? value.values : value;
  if (typeof nested === "number") return { shape: [], values: [nested] };
  if (!Array.isArray(nested)) return undefined;
  const shape: number[] = [];
  for (let level: unknown = nested; Array.isArray(level); level = level[0]) shape.push(level.length);
  const values: unknown[] = [];
  const walk = (node: unknown, depth: number): boolean => {
    if (depth === shape.length) {
      values.push(node);
      return !Array.isArray(node);
    }
    if (!Array.isArray(node) || node.length !== shape[depth]) return false;
    // By index, not every(): a sparse array's holes are elements too (undefined), never skipped.
    for (let i = 0; i < node.length; i++) if (!walk(node[i], depth + 1)) return false;
    return true;
  };
  return walk(nested, 0) ? { shape, values } : undefined;
}

function indexOf(flat: number, shape: number[]): string {
  const index: number[] = [];
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const size = shape[axis] ?? 1;
    index.unshift(flat % size);
    flat = Math.floor(flat / size);
  }
  return `[${index.join(", ")}]`;
}

function closeEnough(actual: number, expected: number, { abs, rel }: Tolerance): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  if (!Number.isFinite(actual)) return false;
  const diff = Math.abs(actual - expected);
  if (abs === undefined && rel === undefined) return diff <= 1e-6;
  return (abs !== undefined && diff <= abs) || (rel !== undefined && diff <= rel * Math.abs(expected));
}

function toleranceText({ abs, rel }: Tolerance): string {
  const tol = (x: number) => (x !== 0 && Math.abs(x) < 1e-3 ? x.toExponential() : String(x));
  const parts = [abs !== undefined ? `±${tol(abs)}` : "", rel !== undefined ? `a relative error of ${tol(rel)}` : ""];
  return parts.filter(Boolean).join(" or ") || "±1e-6";
}

const subject = (what: string | undefined, fallback: string) => what ?? fallback;

export const expect = {
  /** The condition holds, or the learner reads `message`. */
  that(condition: boolean, message: string): void {
    if (!condition) throw new GradingFailure(message);
  },

  /** A number, nested array or tensor, equal to `expected` within a tolerance, element by element. */
  close(actual: unknown, expected: unknown, options: Tolerance & Described = {}): void {
    const what = subject(options.what, "your answer");
    const want = flatten(expected);
    if (!want) throw new Error(`expect.close: the expected value ${show(expected)} is not a number, array or tensor`);
    const got = flatten(actual);
    if (!got) {
      throw new GradingFailure(`${what} should be ${want.shape.length === 0 ? "a number" : "an array of numbers"} (${show(expected)}), got ${kindOf(actual)}: ${show(actual)}`);
    }
    if (got.shape.join() !== want.shape.join()) {
      throw new GradingFailure(`${what} should have shape [${want.shape.join(", ")}], got [${got.shape.join(", ")}]: ${show(actual)}`);
    }
    got.values.forEach((value, i) => {
      const target = want.values[i] as number;
      if (typeof value !== "number") {
        throw new GradingFailure(`${what}${want.shape.length ? ` at ${indexOf(i, want.shape)}` : ""} should be a number, got ${kindOf(value)}: ${show(value)}`);
      }
      if (!closeEnough(value, target, options)) {
        const where = want.shape.length ? ` at ${indexOf(i, want.shape)}` : "";
        const hint = Number.isFinite(value) ? "" : " (an overflow, or a log or division by zero?)";
        throw new GradingFailure(`${what}${where} should be ${showNumber(target)} (${toleranceText(options)}), got ${showNumber(value)}${hint}`);
      }
    });
  },

  /**
   * A tensor with the expected tensor's shape and dtype, and values within a tolerance. Tensors
   * arrive as data ({ $tensor: shape, dtype, values }), never as live objects.
   */
  tensor(actual: unknown, expected: unknown, options: Tolerance & Described = {}): void {
    const what = subject(options.what, "your answer");
    if (!isTensorValue(expected)) throw new Error(`expect.tensor: the expected value ${show(expected)} is not a tensor`);
    const shape = `[${expected.$tensor.join(", ")}]`;
    if (!isTensorValue(actual)) {
      throw new GradingFailure(`${what} should return a tensor (tf.Tensor) of shape ${shape}, got ${kindOf(actual)}: ${show(actual)}${Array.isArray(actual) ? ". Return the tensor itself, not its arraySync()" : ""}`);
    }
    if (actual.$tensor.join() !== expected.$tensor.join()) {
      throw new GradingFailure(`${what} should have shape ${shape}, got [${actual.$tensor.join(", ")}]`);
    }
    if (expected.dtype !== undefined && actual.dtype !== expected.dtype) {
      throw new GradingFailure(`${what} should have dtype ${expected.dtype}, got ${String(actual.dtype)}`);
    }
    expect.close(actual.values, expected.values, { ...options, what });
  },

  /** No tensors were left allocated: `leaked` is how many more tensors existed after the call than before (less those returned). */
  noLeaks(leaked: unknown, options: Described = {}): void {
    const what = subject(options.what, "your function");
    if (typeof leaked !== "number") throw new GradingFailure(`${what}: the number of tensors it left behind could not be measured`);
    if (leaked > 0) {
      throw new GradingFailure(`${what} left ${leaked} tensor${leaked === 1 ? "" : "s"} allocated that nothing uses any more: wrap the work in tf.tidy(() => ...), or dispose() intermediate tensors`);
    }
  },

  /** Deep equality for plain data (numbers compared exactly). */
  equal(actual: unknown, expected: unknown, options: Described = {}): void {
    if (JSON.stringify(actual) !== JSON.stringify(expected) || (typeof expected === "number" && !Object.is(actual, expected))) {
      throw new GradingFailure(`${subject(options.what, "your answer")} should be ${show(expected)}, got ${show(actual)}`);
    }
  },

  /** An array or tensor of the given shape. */
  shape(actual: unknown, shape: number[], options: Described = {}): void {
    const what = subject(options.what, "your answer");
    const got = flatten(actual);
    if (!got) throw new GradingFailure(`${what} should be an array or tensor of shape [${shape.join(", ")}], got ${kindOf(actual)}`);
    if (got.shape.join() !== shape.join()) {
      throw new GradingFailure(`${what} should have shape [${shape.join(", ")}], got [${got.shape.join(", ")}]`);
    }
  },

  /** A series (such as losses per step) that ends lower than it starts, by at least `by` (a fraction). */
  decreases(series: unknown, options: Described & { by?: number; monotonic?: boolean } = {}): void {
    const what = subject(options.what, "the loss");
    const got = flatten(series);
    if (!got || got.shape.length !== 1 || got.values.length < 2 || !got.values.every((v) => typeof v === "number")) {
      throw new GradingFailure(`${what} should be a list of at least two numbers, got ${kindOf(series)}: ${show(series)}`);
    }
    const values = got.values as number[];
    const first = values[0] as number;
    const last = values[values.length - 1] as number;
    const badStep = values.findIndex((v) => !Number.isFinite(v));
    if (badStep !== -1) throw new GradingFailure(`${what} became ${showNumber(values[badStep] as number)} at step ${badStep}: the step size may be too large`);
    if (options.monotonic) {
      const up = values.findIndex((v, i) => i > 0 && v > (values[i - 1] as number));
      if (up !== -1) {
        throw new GradingFailure(`${what} should go down at every step, but went up from ${showNumber(values[up - 1] as number)} to ${showNumber(values[up] as number)} at step ${up}`);
      }
    }
    const by = options.by ?? 0;
    if (!(last < first - by * Math.abs(first))) {
      throw new GradingFailure(`${what} should decrease${by ? ` by at least ${showNumber(by * 100)}%` : ""}: it went from ${showNumber(first)} to ${showNumber(last)}`);
    }
  },

  /** The function left its input as it was (`before` is the input given, `after` as it was afterwards). */
  unchanged(after: unknown, before: unknown, options: Described = {}): void {
    const what = subject(options.what, "your function");
    const path = firstDifference(before, after, "input");
    if (path !== undefined) {
      throw new GradingFailure(`${what} must not change its input: ${path.where} was ${show(path.before)}, is now ${show(path.after)}. Copy it first (e.g. [...xs]) if you need to modify it.`);
    }
  },

  /** Finished within a time budget. */
  within(elapsedMs: number, budgetMs: number, options: Described = {}): void {
    if (!(elapsedMs <= budgetMs)) {
      throw new GradingFailure(`${subject(options.what, "your function")} should finish within ${budgetMs} ms, took ${Math.round(elapsedMs)} ms, too long: look for work repeated inside a loop`);
    }
  },
};

export type Expect = typeof expect;

function firstDifference(before: unknown, after: unknown, where: string): { where: string; before: unknown; after: unknown } | undefined {
  if (Array.isArray(before) && Array.isArray(after)) {
    if (before.length !== after.length) return { where: `${where}.length`, before: before.length, after: after.length };
    for (let i = 0; i < before.length; i++) {
      const found = firstDifference(before[i], after[i], `${where}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof before === "object" && before !== null && typeof after === "object" && after !== null) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const found = firstDifference((before as Record<string, unknown>)[key], (after as Record<string, unknown>)[key], `${where}.${key}`);
      if (found) return found;
    }
    return undefined;
  }
  return Object.is(before, after) ? undefined : { where, before, after };
}
