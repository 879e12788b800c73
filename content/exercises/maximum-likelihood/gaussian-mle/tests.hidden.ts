// Hidden tests: graded on the server only. This file is read by the grader and never bundled for a page.
import { defineTests } from "@/engine/grading";
import { checkNlls, checkParams } from "./tests.visible";

declare const tf: typeof import("@tensorflow/tfjs-core");
declare function fitGaussianMle(ys: import("@tensorflow/tfjs-core").Tensor1D, steps: number, rate: number): { params: unknown; nlls: unknown };

export default defineTests((t, { rng }) => {
  const tight = rng.array(40, (r) => Number(r.normal(-1, 0.1).toFixed(3)));
  t.test("a tight cluster", {
    points: 1,
    input: { ys: tight, steps: 200, rate: 0.05 },
    timeLimitMs: 3000,
    run: ({ ys, steps, rate }) => fitGaussianMle(tf.tensor1d(ys), steps, rate),
    check: (got, { expect, expected }) => checkParams(expect, got, expected, "fitGaussianMle of 40 samples spread by about 0.1, 200 steps at rate 0.05"),
  });

  // Far from the start: μ has to travel to about 8 at Adam's pace of about `rate` per step.
  const seed = rng.int(1, 1_000_000);
  t.test("a long way from the start", {
    points: 2,
    input: { seed, steps: 200, rate: 0.4 },
    timeLimitMs: 3000,
    run: ({ seed, steps, rate }) => fitGaussianMle(tf.randomNormal([200], 8, 3, "float32", seed) as import("@tensorflow/tfjs-core").Tensor1D, steps, rate),
    check: (got, { expect, expected }) => {
      checkParams(expect, got, expected, "fitGaussianMle of 200 samples around 8, 200 steps at rate 0.4");
      checkNlls(expect, got, expected, "fitGaussianMle of 200 samples around 8");
    },
  });
});
