/**
 * Numeric checks that run on every tensor backend: each case is a cell expression and a plain
 * float64 JavaScript reference computed from the same inputs. Used by the Node tests (cpu, wasm)
 * and the browser tests (webgl, wasm, cpu), so one test body covers every backend.
 */
type Nested = number | Nested[];

const A = [[1.5, -2, 0.25], [3, 0.5, -1]];
const B = [[0.5, 1], [-1, 2], [4, -0.5]];
const LOGITS = [[1, 2, 3], [1000, 1001, 1002], [-5, 0, 5]];
const Z = [-30, -2, 0, 2, 30];

const matmul = (a: number[][], b: number[][]) => a.map((row) => b[0]!.map((_, j) => row.reduce((s, v, k) => s + v * b[k]![j]!, 0)));
const softmax = (row: number[]) => {
  const m = Math.max(...row);
  const e = row.map((v) => Math.exp(v - m));
  const s = e.reduce((x, y) => x + y, 0);
  return e.map((v) => v / s);
};
const logSoftmax = (row: number[]) => {
  const m = Math.max(...row);
  const lse = m + Math.log(row.reduce((s, v) => s + Math.exp(v - m), 0));
  return row.map((v) => v - lse);
};
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const softplus = (z: number) => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));

export interface NumericCase {
  name: string;
  /** A cell expression whose value is a number or nested arrays of numbers. */
  code: string;
  reference: () => Nested;
}

export const NUMERIC_CASES: NumericCase[] = [
  { name: "matMul", code: `tf.matMul(tf.tensor2d(${JSON.stringify(A)}), tf.tensor2d(${JSON.stringify(B)})).arraySync()`, reference: () => matmul(A, B) },
  { name: "softmax (large logits stay finite)", code: `tf.softmax(tf.tensor2d(${JSON.stringify(LOGITS)})).arraySync()`, reference: () => LOGITS.map(softmax) },
  { name: "logSoftmax", code: `tf.logSoftmax(tf.tensor2d(${JSON.stringify(LOGITS)})).arraySync()`, reference: () => LOGITS.map(logSoftmax) },
  { name: "sigmoid saturates without NaN", code: `tf.sigmoid(tf.tensor1d(${JSON.stringify(Z)})).arraySync()`, reference: () => Z.map(sigmoid) },
  { name: "softplus", code: `tf.softplus(tf.tensor1d(${JSON.stringify(Z)})).arraySync()`, reference: () => Z.map(softplus) },
  { name: "mean squared error", code: `tf.losses.meanSquaredError(tf.tensor1d([1, 2, 3]), tf.tensor1d([1.5, 1, 3.5])).arraySync()`, reference: () => (0.25 + 1 + 0.25) / 3 },
  { name: "gradient of sum of squares", code: `tf.grad((x) => x.square().sum())(tf.tensor1d(${JSON.stringify(Z)})).arraySync()`, reference: () => Z.map((z) => 2 * z) },
  { name: "log(0) is -Infinity, sqrt(-1) is NaN", code: `[tf.log(tf.scalar(0)).arraySync(), Number.isNaN(tf.sqrt(tf.scalar(-1)).arraySync()) ? 1 : 0]`, reference: () => [Number.NEGATIVE_INFINITY, 1] },
];

/** Whether `actual` matches `expected` within a relative tolerance (absolute near zero). */
export function allClose(actual: unknown, expected: Nested, rtol = 1e-3, atol = 1e-5): string | undefined {
  if (typeof expected === "number") {
    if (typeof actual !== "number") return `expected a number, got ${JSON.stringify(actual)}`;
    if (Number.isNaN(expected)) return Number.isNaN(actual) ? undefined : `expected NaN, got ${actual}`;
    if (!Number.isFinite(expected)) return actual === expected ? undefined : `expected ${expected}, got ${actual}`;
    return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected) ? undefined : `expected ${expected}, got ${actual}`;
  }
  if (!Array.isArray(actual) || actual.length !== expected.length) return `expected ${expected.length} values, got ${JSON.stringify(actual)}`;
  for (const [i, item] of expected.entries()) {
    const problem = allClose(actual[i], item, rtol, atol);
    if (problem) return `[${i}] ${problem}`;
  }
  return undefined;
}

/** The cell that prints a case's value as JSON (infinities spelled out, since JSON has none). */
export function caseCell(code: string): string {
  return `console.log("RESULT " + JSON.stringify(${code}, (_key, value) => (typeof value === "number" && !Number.isFinite(value) && !Number.isNaN(value) ? String(value) : value)));`;
}

/** Reads the value a case cell printed. */
export function parseCaseOutput(output: string): unknown {
  const line = output.split("\n").find((text) => text.startsWith("RESULT "));
  if (!line) throw new Error(`no RESULT line in output: ${output.slice(0, 200)}`);
  return JSON.parse(line.slice("RESULT ".length), (_key, value: unknown) =>
    value === "Infinity" ? Number.POSITIVE_INFINITY : value === "-Infinity" ? Number.NEGATIVE_INFINITY : value,
  );
}
