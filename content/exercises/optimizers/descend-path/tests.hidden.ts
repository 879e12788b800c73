// Hidden tests: graded on the server only. This file is read by the grader and never bundled for a page.
import { defineTests } from "@/engine/grading";
import { checkPath, type PathCase } from "./tests.visible";

declare const tf: typeof import("@tensorflow/tfjs-core");
type Tensor1D = import("@tensorflow/tfjs-core").Tensor1D;
declare function descendPath(xs: Tensor1D, ys: Tensor1D, start: [number, number], rate: number, steps: number): unknown;

export default defineTests((t, { rng }) => {
  const none: PathCase = { xs: [1, 2], ys: [2, 4], start: [0.5, -0.5], rate: 0.1, steps: 0 };
  t.test("no steps at all", {
    points: 1,
    input: none,
    run: ({ xs, ys, start, rate, steps }) => descendPath(tf.tensor1d(xs), tf.tensor1d(ys), start, rate, steps),
    check: (got, { expect, expected }) => checkPath(expect, got, expected, { m: 2, start: none.start, steps: 0 }, "descendPath(tf.tensor1d([1, 2]), tf.tensor1d([2, 4]), [0.5, -0.5], 0.1, 0)"),
  });

  // 128 noisy points, 80 steps from the lesson's starting point.
  const seed = rng.int(1, 1_000_000);
  t.test("a long walk on 128 points", {
    points: 2,
    input: { seed },
    timeLimitMs: 3000,
    run: ({ seed }) => {
      const x = tf.randomUniform([128], -2, 2, "float32", seed) as Tensor1D;
      const y = x.mul(2).add(1).add(tf.randomNormal([128], 0, 0.5, "float32", seed + 1)) as Tensor1D;
      return descendPath(x, y, [-0.5, -2.5], 0.1, 80);
    },
    check: (got, { expect, expected }) =>
      checkPath(expect, got, expected, { m: 128, start: [-0.5, -2.5], steps: 80 }, "descendPath on 128 points from [-0.5, -2.5] (80 steps, rate 0.1)"),
  });
});
