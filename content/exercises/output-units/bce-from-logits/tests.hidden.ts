// Hidden tests: graded on the server only. This file is read by the grader and never bundled for a page.
import { defineTests } from "@/engine/grading";
import { checkLoss } from "./tests.visible";

declare const tf: typeof import("@tensorflow/tfjs-core");
type Tensor1D = import("@tensorflow/tfjs-core").Tensor1D;
declare function bceFromLogits(logits: Tensor1D, labels: Tensor1D): import("@tensorflow/tfjs-core").Scalar;

export default defineTests((t, { rng }) => {
  t.test("soft labels", {
    points: 1,
    input: { logits: [1.5, -0.5, 3, -4], labels: [0.3, 0.9, 0.5, 0.1] },
    run: ({ logits, labels }) => bceFromLogits(tf.tensor1d(logits), tf.tensor1d(labels)),
    check: (got, { expect, expected }) => checkLoss(expect, got, expected, 4, "bceFromLogits(tf.tensor1d([1.5, -0.5, 3, -4]), tf.tensor1d([0.3, 0.9, 0.5, 0.1]))"),
  });

  t.test("a single example far on the wrong side", {
    points: 1,
    input: { logits: [-1000], labels: [1] },
    run: ({ logits, labels }) => bceFromLogits(tf.tensor1d(logits), tf.tensor1d(labels)),
    check: (got, { expect, expected }) => checkLoss(expect, got, expected, 1, "bceFromLogits(tf.tensor1d([-1000]), tf.tensor1d([1]))"),
  });

  // A batch of 1,000 made inside the learner's realm, and the gradient through it.
  const seed = rng.int(1, 1_000_000);
  t.test("a batch of a thousand, and its gradient", {
    points: 2,
    input: { seed },
    run: ({ seed }) => {
      const z = tf.randomNormal([1000], 0, 30, "float32", seed) as Tensor1D;
      const y = tf.randomUniform([1000], 0, 1, "float32", seed + 1).round() as Tensor1D;
      const loss = bceFromLogits(z, y);
      const grad = tf.grad((x: import("@tensorflow/tfjs-core").Tensor) => bceFromLogits(x as Tensor1D, y))(z);
      return { loss, gradSum: grad.abs().sum(), gradMax: grad.abs().max() };
    },
    check: (got, { expect, expected }) => {
      checkLoss(expect, got?.loss, expected?.loss, 1000, "bceFromLogits of 1,000 random logits (spread 30)");
      expect.tensor(got?.gradSum, expected?.gradSum, { rel: 1e-4, what: "the sum of |gradient| over those 1,000 logits" });
      expect.tensor(got?.gradMax, expected?.gradMax, { rel: 1e-4, what: "the largest |gradient| over those 1,000 logits" });
    },
  });
});
