// Hidden tests: graded on the server only. This file is read by the grader and never bundled for a page.
import { defineTests } from "@/engine/grading";
import { checkAccuracy, checkWeights, makeBlobs, type Blobs } from "./tests.visible";

declare const tf: typeof import("@tensorflow/tfjs-core");
type TrainingOptions = { epochs: number; batchSize: number; rate: number };
declare function trainSoftmaxRegression(
  x: import("@tensorflow/tfjs-core").Tensor2D,
  labels: import("@tensorflow/tfjs-core").Tensor1D,
  numClasses: number,
  options: TrainingOptions,
): { W: import("@tensorflow/tfjs-core").Tensor2D; b: import("@tensorflow/tfjs-core").Tensor1D; losses: number[] };

export default defineTests((t, { rng }) => {
  const train = ({ train, val, k, options }: Blobs) => {
    const { W, b, losses } = trainSoftmaxRegression(tf.tensor2d(train.x), tf.tensor1d(train.y, "int32"), k, options);
    const accuracy = tf.tidy(() => tf.tensor2d(val.x).matMul(W).add(b).argMax(1).equal(tf.tensor1d(val.y, "int32")).mean().dataSync()[0]);
    return { W, b, losses, accuracy };
  };

  const four = makeBlobs(rng, 4, 30, 0.5, { epochs: 10, batchSize: 20, rate: 0.08 });
  t.test("four classes", {
    points: 2,
    input: four,
    timeLimitMs: 4000,
    run: train,
    check: (got, { expect, expected }) => {
      checkWeights(expect, got, expected, 4, "trainSoftmaxRegression on 4 blobs (10 epochs, batches of 20)");
      checkAccuracy(expect, got, expected, "trainSoftmaxRegression on 4 blobs");
    },
  });

  // 100 training points in batches of 32: the last batch of each epoch has only 4 rows.
  const ragged = makeBlobs(rng, 2, 67, 0.8, { epochs: 6, batchSize: 32, rate: 0.08 });
  t.test("a ragged last batch", {
    points: 1,
    input: ragged,
    timeLimitMs: 4000,
    run: train,
    check: (got, { expect, expected }) => checkWeights(expect, got, expected, 2, "trainSoftmaxRegression on 100 points in batches of 32"),
  });
});
