// Hidden tests: graded on the server only. This file is read by the grader and never bundled for a page.
import { defineTests } from "@/engine/grading";
import { checkGradients } from "./tests.visible";

declare const tf: typeof import("@tensorflow/tfjs-core");
type Tensor1D = import("@tensorflow/tfjs-core").Tensor1D;
declare function batchGradients(xs: Tensor1D, ys: Tensor1D, w: number, b: number, batchSize: number): unknown;

export default defineTests((t, { rng }) => {
  const single = { xs: [2, -1, 0.5], ys: [1, 1, -2], w: 1.5, b: 0.25 };
  t.test("batches of one example", {
    points: 1,
    input: single,
    run: ({ xs, ys, w, b }) => batchGradients(tf.tensor1d(xs), tf.tensor1d(ys), w, b, 1),
    check: (got, { expect, expected }) => checkGradients(expect, got, expected, 1, "batchGradients(tf.tensor1d([2, -1, 0.5]), tf.tensor1d([1, 1, -2]), 1.5, 0.25, 1)"),
  });

  // The lesson's scale: 256 points made inside the learner's realm, batches of 16, at a learner's own (w, b).
  const seed = rng.int(1, 1_000_000);
  const w = Number(rng.uniform(-1, 3).toFixed(2));
  const b = Number(rng.uniform(-2, 1).toFixed(2));
  t.test("256 points in batches of 16", {
    points: 2,
    input: { seed, w, b },
    run: ({ seed, w, b }) => {
      const x = tf.randomUniform([256], -2, 2, "float32", seed) as Tensor1D;
      const y = x.mul(2).add(1).add(tf.randomNormal([256], 0, 0.5, "float32", seed + 1)) as Tensor1D;
      return batchGradients(x, y, w, b, 16);
    },
    check: (got, { expect, expected }) => checkGradients(expect, got, expected, 16, `batchGradients on 256 points at (w, b) = (${w}, ${b}), batches of 16`),
  });
});
