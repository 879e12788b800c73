// Hidden tests: graded on the server only. This file is read by the grader and never bundled for a page.
import { defineTests } from "@/engine/grading";
import { checkStep, type StepCase } from "./tests.visible";

declare const tf: typeof import("@tensorflow/tfjs-core");
type Tensor1D = import("@tensorflow/tfjs-core").Tensor1D;
declare function nesterovStep(theta: Tensor1D, accum: Tensor1D, grad: Tensor1D, eta: number, beta: number): unknown;

export default defineTests((t, { rng }) => {
  const noMomentum: StepCase = { theta: [3, -1, 0.5], accum: [7, -2, 1], grad: [1, 2, -4], eta: 0.05, beta: 0 };
  t.test("beta 0 is plain gradient descent", {
    points: 1,
    input: noMomentum,
    run: ({ theta, accum, grad, eta, beta }) => nesterovStep(tf.tensor1d(theta), tf.tensor1d(accum), tf.tensor1d(grad), eta, beta),
    check: (got, { expect, expected }) => checkStep(expect, got, expected, noMomentum, "nesterovStep with beta = 0"),
  });

  // A learner's own quadratic bowl in 6 dimensions, 60 steps; the path is compared as a whole.
  const curvatures = rng.array(6, (r) => Number(r.uniform(0.1, 5).toFixed(2)));
  const start = rng.array(6, (r) => Number(r.uniform(-3, 3).toFixed(2)));
  t.test("sixty steps in six dimensions", {
    points: 2,
    input: { curvatures, start, eta: 0.05, beta: 0.9, steps: 60 },
    run: ({ curvatures, start, eta, beta, steps }) => {
      const h = tf.tensor1d(curvatures);
      const bowlGradient = tf.grad((p: import("@tensorflow/tfjs-core").Tensor) => p.square().mul(h).sum().div(2));
      let theta = tf.tensor1d(start);
      let accum = tf.zerosLike(theta);
      for (let step = 0; step < steps; step++) [theta, accum] = nesterovStep(theta, accum, bowlGradient(theta) as Tensor1D, eta, beta) as [Tensor1D, Tensor1D];
      return theta;
    },
    check: (got, { expect, expected }) => expect.tensor(got, expected, { abs: 1e-4, rel: 1e-4, what: `θ after 60 Nesterov steps on a bowl with curvatures [${curvatures.join(", ")}]` }),
  });
});
