// Hidden tests: graded on the server only. This file is read by the grader and never bundled for a page.
import { defineTests } from "@/engine/grading";
import { checkLogSoftmax } from "./tests.visible";

declare const tf: typeof import("@tensorflow/tfjs-core");
declare function rowLogSoftmax(logits: import("@tensorflow/tfjs-core").Tensor2D): unknown;

export default defineTests((t, { rng }) => {
  t.test("a single class", {
    points: 1,
    input: { logits: [[5], [-700], [0]] },
    run: ({ logits }) => rowLogSoftmax(tf.tensor2d(logits)),
    check: (got, { expect, expected }) => checkLogSoftmax(expect, got, expected, "rowLogSoftmax(tf.tensor2d([[5], [-700], [0]]))", "one class has probability 1 and log-probability 0"),
  });

  t.test("very negative logits", {
    points: 1,
    input: { logits: [[-1000, -1001, -999.5]] },
    run: ({ logits }) => rowLogSoftmax(tf.tensor2d(logits)),
    check: (got, { expect, expected }) =>
      checkLogSoftmax(expect, got, expected, "rowLogSoftmax(tf.tensor2d([[-1000, -1001, -999.5]]))", "every e^z underflows to 0 unless you subtract the row's largest logit first"),
  });

  // A batch of 256 examples and 10 classes, made inside the learner's realm; a few rows get a huge offset.
  const seed = rng.int(1, 1_000_000);
  t.test("a batch of 256 examples", {
    points: 2,
    input: { seed },
    run: ({ seed }) => {
      const z = tf.randomNormal([256, 10], 0, 3, "float32", seed).add(tf.tensor2d(Array.from({ length: 256 }, (_, i) => [i % 17 === 0 ? 500 : 0])));
      return rowLogSoftmax(z as import("@tensorflow/tfjs-core").Tensor2D);
    },
    check: (got, { expect, expected }) => checkLogSoftmax(expect, got, expected, "rowLogSoftmax of a random 256 × 10 batch", "subtract each row's largest logit before you exponentiate"),
  });
});
