// Visible tests: shown to learners and run by **Check** in their browser. They hold no answers: each check
// compares with `expected`, what the reference solution returned for the same call.
import { defineTests, type Expect } from "@/engine/grading";

declare const tf: typeof import("@tensorflow/tfjs-core");
declare function rowLogSoftmax(logits: import("@tensorflow/tfjs-core").Tensor2D): unknown;

type TensorData = { $tensor: number[]; dtype?: string; values: unknown };
const isTensor = (v: unknown): v is TensorData => typeof v === "object" && v !== null && Array.isArray((v as TensorData).$tensor);
const rowsOf = (v: unknown): number[][] | undefined =>
  isTensor(v) && v.$tensor.length === 2 && Array.isArray(v.values) && v.values.every((row) => Array.isArray(row) && row.every((x) => typeof x === "number"))
    ? (v.values as number[][])
    : undefined;
const short = (v: number) => String(Number(v.toPrecision(4)));
const matrix = (z: number[][]) => `[${z.map((row) => `[${row.join(", ")}]`).join(", ")}]`;

/**
 * Non-finite entries first (with a hint that fits the test), then whether the rows are normalised at all
 * (exp of each row of a log-softmax sums to 1), then every value.
 */
export function checkLogSoftmax(expect: Expect, got: unknown, expected: unknown, what: string, nonFiniteHint: string | ((row: number) => string)) {
  const rows = rowsOf(got);
  if (rows) {
    const bad = rows.flatMap((row, i) => row.flatMap((x, j) => (Number.isFinite(x) ? [] : [[i, j, x] as const])))[0];
    expect.that(!bad, bad ? `${what} gave ${short(bad[2])} at [${bad[0]}, ${bad[1]}]: ${typeof nonFiniteHint === "string" ? nonFiniteHint : nonFiniteHint(bad[0])}` : "");
    const rowSums = rows.map((row) => row.reduce((s, x) => s + Math.exp(x), 0));
    const colSums = rows[0]!.map((_, j) => rows.reduce((s, row) => s + Math.exp(row[j] ?? NaN), 0));
    const off = rowSums.findIndex((s) => Math.abs(s - 1) > 1e-3);
    if (off !== -1) {
      const columns = colSums.every((s) => Math.abs(s - 1) < 1e-3);
      expect.that(
        false,
        `the exponentials of row ${off} of ${what} sum to ${short(rowSums[off]!)}, not 1` +
          (columns ? ": you normalised each column (a class over the batch) instead of each row (an example over its classes). Reduce along axis 1, with keepDims" : ": subtract the log of each row's sum of exponentials"),
      );
    }
  }
  expect.tensor(got, expected, { abs: 1e-4, what });
}

export default defineTests((t, { rng }) => {
  const small = [
    [1, 2, 3],
    [0.5, -1, 2],
  ];
  t.test("each row of a small batch", {
    points: 2,
    input: { logits: small },
    run: ({ logits }) => rowLogSoftmax(tf.tensor2d(logits)),
    check: (got, { expect, expected }) => checkLogSoftmax(expect, got, expected, `rowLogSoftmax(tf.tensor2d(${matrix(small)}))`, "is a log or a division by zero?"),
  });

  const OVERFLOWS = "e^z overflows float32 beyond z = 88.7, and Infinity / Infinity is NaN. Subtract each row's largest logit before you exponentiate";
  const large = [
    [1000, 1001, 1002],
    [-1000, 0, 1000],
  ];
  t.test("large logits", {
    points: 3,
    input: { logits: large },
    run: ({ logits }) => rowLogSoftmax(tf.tensor2d(logits)),
    check: (got, { expect, expected }) =>
      checkLogSoftmax(
        expect,
        got,
        expected,
        `rowLogSoftmax(tf.tensor2d(${matrix(large)}))`,
        OVERFLOWS,
      ),
  });

  const scales = [
    [1000, 999, 998],
    [1, 2, 3],
  ];
  t.test("rows with their own maximum", {
    points: 2,
    input: { logits: scales },
    run: ({ logits }) => rowLogSoftmax(tf.tensor2d(logits)),
    check: (got, { expect, expected }) =>
      checkLogSoftmax(
        expect,
        got,
        expected,
        `rowLogSoftmax(tf.tensor2d(${matrix(scales)}))`,
        (row) =>
          row === 0
            ? OVERFLOWS
            : "shifted by the largest logit of the whole batch (1000), the second row's exponentials underflow to 0 and their log is -Infinity. Subtract each row's own largest logit: logits.max(1, true)",
      ),
  });

  const n = rng.int(3, 6);
  const k = rng.int(2, 5);
  const own = Array.from({ length: n }, () => rng.array(k, (r) => Number(r.uniform(-5, 5).toFixed(2))));
  t.test("leaves no tensors behind", {
    points: 1,
    input: { logits: own },
    run: ({ logits }) => {
      const z = tf.tensor2d(logits);
      const before = tf.memory().numTensors;
      rowLogSoftmax(z);
      // Only the answer may stay.
      return { leaked: tf.memory().numTensors - before - 1 };
    },
    check: (got, { expect }) => expect.noLeaks(got?.leaked, { what: "rowLogSoftmax" }),
  });

  t.test("your own batch", {
    points: 2,
    input: { logits: own },
    run: ({ logits }) => rowLogSoftmax(tf.tensor2d(logits)),
    check: (got, { expect, expected }) => checkLogSoftmax(expect, got, expected, `rowLogSoftmax of your ${n} × ${k} logits ${matrix(own)}`, "is a log or a division by zero?"),
  });
});
