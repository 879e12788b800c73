// Visible tests: shown to learners and run by **Check** in their browser. They hold no answers: each check
// compares with `expected`, what the reference solution returned for the same call.
import { defineTests, type Expect } from "@/engine/grading";

declare const tf: typeof import("@tensorflow/tfjs-core");
type Tensor1D = import("@tensorflow/tfjs-core").Tensor1D;
declare function batchGradients(xs: Tensor1D, ys: Tensor1D, w: number, b: number, batchSize: number): unknown;

type TensorData = { $tensor: number[]; values: unknown };
const rowsOf = (v: unknown): number[][] =>
  typeof v === "object" && v !== null && Array.isArray((v as TensorData).$tensor) && Array.isArray((v as TensorData).values) ? ((v as TensorData).values as number[][]) : [];
const short = (v: number) => String(Number(Number(v).toPrecision(4)));
const ratioOf = (got: number[][], want: number[][]) => {
  const pairs = got.flatMap((row, k) => row.map((g, j) => [g, want[k]?.[j]] as const)).filter(([, w]) => typeof w === "number" && Math.abs(w) > 1e-3);
  const ratios = pairs.map(([g, w]) => g / (w as number));
  return ratios.length > 0 && ratios.every((r) => Math.abs(r - ratios[0]!) < 1e-3 * Math.abs(ratios[0]!)) ? ratios[0]! : undefined;
};

/** The rows, with a constant factor (a sum instead of a mean, a lost 2) named before the values. */
export function checkGradients(expect: Expect, got: unknown, expected: unknown, batchSize: number, what: string) {
  const rows = rowsOf(got);
  const want = rowsOf(expected);
  if (rows.length === want.length && want.length > 0) {
    const ratio = ratioOf(rows, want);
    if (ratio !== undefined && Math.abs(ratio - 1) > 1e-3) {
      expect.that(
        !(batchSize > 1 && Math.abs(ratio - batchSize) < 1e-3 * batchSize),
        `every gradient from ${what} is ${batchSize} times too large: each batch's J is the mean over its ${batchSize} examples, so average the per-example gradients rather than summing them`,
      );
      expect.that(
        !(Math.abs(ratio - 0.5) < 1e-3),
        `every gradient from ${what} is half of what it should be: the derivative of the square (w x + b − y)² is 2 (w x + b − y) times the derivative of the inside`,
      );
    }
  }
  expect.tensor(got, expected, { abs: 1e-4, rel: 1e-4, what });
}

export default defineTests((t, { rng }) => {
  const tiny = { xs: [0, 1, 2, 3], ys: [1, 3, 5, 7], w: 0.5, b: -1, batchSize: 2 };
  t.test("two batches of two", {
    points: 2,
    input: tiny,
    run: ({ xs, ys, w, b, batchSize }) => batchGradients(tf.tensor1d(xs), tf.tensor1d(ys), w, b, batchSize),
    check: (got, { expect, expected }) => checkGradients(expect, got, expected, 2, "batchGradients(tf.tensor1d([0, 1, 2, 3]), tf.tensor1d([1, 3, 5, 7]), 0.5, -1, 2)"),
  });

  // Each x appears once, so a batch made of every other example gives visibly different rows.
  const ramp = { xs: [-3, -2, -1, 0, 1, 2, 3, 4, 5], ys: [0, 0, 1, 1, 1, 2, 2, 3, 3], w: 0, b: 0, batchSize: 3 };
  t.test("batches are consecutive rows", {
    points: 2,
    input: ramp,
    run: ({ xs, ys, w, b, batchSize }) => batchGradients(tf.tensor1d(xs), tf.tensor1d(ys), w, b, batchSize),
    check: (got, { expect, expected }) => {
      const what = "batchGradients(tf.tensor1d([-3, -2, ..., 5]), tf.tensor1d([0, 0, 1, 1, 1, 2, 2, 3, 3]), 0, 0, 3)";
      const rows = rowsOf(got);
      const want = rowsOf(expected);
      expect.that(
        !(rows.length === 3 && want.length === 3 && Math.abs(rows[0]![1]! - want[0]![1]!) > 1e-3),
        `row 0 of ${what} should be the gradient on examples 0, 1 and 2 (x = -3, -2, -1), with dJ/db = ${short(want[0]?.[1] ?? NaN)}; it is ${short(rows[0]?.[1] ?? NaN)}. Batches are consecutive runs of examples: reshape to [m / B, B] and average along axis 1`,
      );
      checkGradients(expect, got, expected, 3, what);
    },
  });

  const m = 64;
  const slope = Number(rng.uniform(-2, 2).toFixed(2));
  const xs = rng.array(m, (r) => Number(r.uniform(-2, 2).toFixed(2)));
  const ys = xs.map((x) => Number((slope * x + 1 + rng.normal(0, 0.5)).toFixed(2)));
  const data = { xs, ys, w: 0, b: 0 };
  t.test("on average, the full gradient", {
    points: 2,
    input: data,
    run: ({ xs, ys, w, b }) => ({ batches: batchGradients(tf.tensor1d(xs), tf.tensor1d(ys), w, b, 8), full: batchGradients(tf.tensor1d(xs), tf.tensor1d(ys), w, b, xs.length) }),
    check: (got, { expect, expected }) => {
      checkGradients(expect, got?.batches, expected?.batches, 8, "batchGradients on your 64 points, batches of 8");
      checkGradients(expect, got?.full, expected?.full, 64, "batchGradients on your 64 points, one batch of 64");
      const rows = rowsOf(got?.batches);
      const mean = [0, 1].map((j) => rows.reduce((s, row) => s + row[j]!, 0) / rows.length);
      expect.close(mean, rowsOf(got?.full)[0], { abs: 1e-4, what: "the mean of your 8 batch gradients (it should equal the full-batch gradient)" });
    },
  });

  t.test("smaller batches are noisier", {
    points: 1,
    input: data,
    run: ({ xs, ys, w, b }) => [1, 4, 16].map((batchSize) => batchGradients(tf.tensor1d(xs), tf.tensor1d(ys), w, b, batchSize)),
    check: (got, { expect, expected }) => {
      const spreads = (Array.isArray(got) ? got : []).map((g) => {
        const rows = rowsOf(g);
        const mean = rows.reduce((s, row) => s + row[0]!, 0) / rows.length;
        return rows.reduce((s, row) => s + (row[0]! - mean) ** 2, 0) / rows.length;
      });
      expect.that(spreads.length === 3, "batchGradients should give one [m / B, 2] tensor for each of B = 1, 4 and 16");
      expect.that(
        spreads[0]! > spreads[2]!,
        `the variance of dJ/dw across batches should shrink as batches grow (about 16 times from B = 1 to B = 16); yours is ${spreads.map(short).join(", ")} for B = 1, 4, 16`,
      );
      (Array.isArray(expected) ? expected : []).forEach((want, i) => checkGradients(expect, (got as unknown[])[i], want, [1, 4, 16][i]!, `batchGradients on your 64 points, batches of ${[1, 4, 16][i]}`));
    },
  });

  t.test("leaves no tensors behind", {
    points: 1,
    input: data,
    run: ({ xs, ys, w, b }) => {
      const x = tf.tensor1d(xs);
      const y = tf.tensor1d(ys);
      const before = tf.memory().numTensors;
      batchGradients(x, y, w, b, 8);
      // Only the answer may stay.
      return { leaked: tf.memory().numTensors - before - 1 };
    },
    check: (got, { expect }) => expect.noLeaks(got?.leaked, { what: "batchGradients" }),
  });
});
