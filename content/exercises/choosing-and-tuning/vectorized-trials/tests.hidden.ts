// Hidden tests: graded on the server only. This file is read by the grader and never bundled for a page.
import { defineTests } from "@/engine/grading";
import { checkScores } from "./tests.visible";

declare const tf: typeof import("@tensorflow/tfjs-core");
type Tensor1D = import("@tensorflow/tfjs-core").Tensor1D;
declare function vectorizedTrials(logRates: Tensor1D, betas: Tensor1D, steps?: number): unknown;

export default defineTests((t, { rng }) => {
  const own = { logRates: rng.array(8, (r) => Number(r.uniform(-3, -0.5).toFixed(2))), betas: rng.array(8, (r) => Number(r.uniform(0, 0.95).toFixed(2))) };
  t.test("your own trials, 100 steps", {
    points: 2,
    input: own,
    run: ({ logRates, betas }) => vectorizedTrials(tf.tensor1d(logRates), tf.tensor1d(betas), 100),
    check: (got, { expect, expected }) => checkScores(expect, got, expected, `vectorizedTrials(tf.tensor1d([${own.logRates.join(", ")}]), tf.tensor1d([${own.betas.join(", ")}]), 100)`),
  });

  // The lesson's whole 60 × 60 landscape in one call.
  t.test("the lesson's landscape", {
    points: 1,
    timeLimitMs: 1500,
    input: { n: 60 },
    run: ({ n }) => {
      const f = tf.linspace(0, 1, n);
      const logRates = f.mul(2.5).sub(3).tile([n]) as Tensor1D;
      const betas = f.mul(0.95).reshape([n, 1]).tile([1, n]).reshape([n * n]) as Tensor1D;
      return vectorizedTrials(logRates, betas);
    },
    check: (got, { expect, expected }) => checkScores(expect, got, expected, "vectorizedTrials over the lesson's 60 × 60 grid of (log η, β)"),
  });
});
