// Visible tests: shown to learners and run by **Check** in their browser. They hold no answers: each check
// compares with `expected`, what the reference solution returned for the same call.
import { defineTests, type Expect } from "@/engine/grading";

declare const tf: typeof import("@tensorflow/tfjs-core");
type TrainingOptions = { epochs: number; batchSize: number; rate: number };
declare function trainSoftmaxRegression(
  x: import("@tensorflow/tfjs-core").Tensor2D,
  labels: import("@tensorflow/tfjs-core").Tensor1D,
  numClasses: number,
  options: TrainingOptions,
): { W: import("@tensorflow/tfjs-core").Tensor2D; b: import("@tensorflow/tfjs-core").Tensor1D; losses: number[] };

type Rng = Parameters<Parameters<typeof defineTests>[0]>[1]["rng"];
export interface Blobs {
  train: { x: number[][]; y: number[] };
  val: { x: number[][]; y: number[] };
  k: number;
  options: TrainingOptions;
}

/** k Gaussian blobs in the plane around centres on a circle, shuffled, split into training and held-out points. */
export function makeBlobs(rng: Rng, k: number, perClass: number, spread: number, options: TrainingOptions): Blobs {
  const points: { x: number[]; y: number }[] = [];
  for (let c = 0; c < k; c++) {
    const angle = (2 * Math.PI * c) / k + rng.uniform(-0.2, 0.2);
    for (let i = 0; i < perClass; i++) points.push({ x: [2 * Math.cos(angle) + rng.normal(0, spread), 2 * Math.sin(angle) + rng.normal(0, spread)].map((v) => Number(v.toFixed(3))), y: c });
  }
  for (let i = points.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [points[i], points[j]] = [points[j]!, points[i]!];
  }
  const split = Math.floor(0.75 * points.length);
  const part = (p: typeof points) => ({ x: p.map((q) => q.x), y: p.map((q) => q.y) });
  return { train: part(points.slice(0, split)), val: part(points.slice(split)), k, options };
}

type Trained = { W?: unknown; b?: unknown; accuracy?: unknown; losses?: unknown; leaked?: unknown } | undefined;
const short = (v: number) => String(Number(Number(v).toPrecision(3)));

/** The weights against the reference's, with a hint when training saw only part of the data. */
export function checkWeights(expect: Expect, got: Trained, expected: Trained, k: number, what: string) {
  const losses = Array.isArray(got?.losses) ? (got?.losses as number[]) : [];
  const want = Array.isArray(expected?.losses) ? (expected?.losses as number[]) : [];
  if (losses.length === want.length && want.length > 1 && typeof losses.at(-1) === "number") {
    const last = losses.at(-1)!;
    expect.that(
      !(last > Math.log(k) + 0.05),
      `after ${want.length} epochs, ${what} has a mean batch loss of ${short(last)}, worse than the ${short(Math.log(k))} (log ${k}) of guessing uniformly: is the log-softmax taken over the classes of each example (the last axis), not over the examples of the batch?`,
    );
    expect.that(
      !(last > want.at(-1)! + 0.05),
      `after ${want.length} epochs, ${what} still has a mean batch loss of ${short(last)} (the reference reaches ${short(want.at(-1)!)}): take a step on every batch of every epoch, rows 0 to batchSize − 1, then the next batchSize rows, up to the last (smaller) batch`,
    );
  }
  expect.tensor(got?.W, expected?.W, { abs: 0.02, what: `W from ${what}` });
  expect.tensor(got?.b, expected?.b, { abs: 0.02, what: `b from ${what}` });
}

/** Held-out accuracy must clear an absolute bar and come within 3 points of the reference's. */
export function checkAccuracy(expect: Expect, got: Trained, expected: Trained, what: string) {
  const accuracy = got?.accuracy;
  const reference = typeof expected?.accuracy === "number" ? expected.accuracy : 1;
  const bar = Math.min(0.85, reference - 0.03);
  expect.that(typeof accuracy === "number", `the held-out accuracy of ${what} could not be measured: return { W, b, losses } with W of shape [2, k] and b of shape [k]`);
  expect.that(
    (accuracy as number) >= bar,
    `${what} classifies ${short(100 * (accuracy as number))}% of the held-out points correctly, below the bar of ${short(100 * bar)}% (the reference gets ${short(100 * reference)}%). Is the softmax taken over the classes (the last axis)?`,
  );
}

export default defineTests((t, { rng }) => {
  const blobs = makeBlobs(rng, 3, 48, 0.7, { epochs: 10, batchSize: 16, rate: 0.08 });
  const what = "trainSoftmaxRegression on your 3 blobs (10 epochs, batches of 16, rate 0.08)";
  const train = ({ train, val, k, options }: Blobs) => {
    const x = tf.tensor2d(train.x);
    const y = tf.tensor1d(train.y, "int32");
    const before = tf.memory().numTensors;
    const { W, b, losses } = trainSoftmaxRegression(x, y, k, options);
    // W and b are the only tensors that may stay.
    const leaked = tf.memory().numTensors - before - 2;
    const accuracy = tf.tidy(() => tf.tensor2d(val.x).matMul(W).add(b).argMax(1).equal(tf.tensor1d(val.y, "int32")).mean().dataSync()[0]);
    return { W, b, losses, accuracy, leaked };
  };

  t.test("learns the blobs", {
    points: 3,
    input: blobs,
    timeLimitMs: 4000,
    run: train,
    check: (got, { expect, expected }) => checkWeights(expect, got, expected, 3, what),
  });

  t.test("held-out accuracy passes the bar", {
    points: 2,
    input: blobs,
    timeLimitMs: 4000,
    run: train,
    check: (got, { expect, expected }) => checkAccuracy(expect, got, expected, what),
  });

  const quick = { ...blobs, options: { epochs: 4, batchSize: 32, rate: 0.1 } };
  t.test("the loss goes down", {
    points: 1,
    input: quick,
    timeLimitMs: 4000,
    run: train,
    check: (got, { expect }) => expect.decreases(got?.losses, { by: 0.2, what: "the mean batch loss per epoch of trainSoftmaxRegression (4 epochs, batches of 32, rate 0.1)" }),
  });

  t.test("leaves no tensors behind", {
    points: 1,
    input: quick,
    timeLimitMs: 4000,
    run: train,
    check: (got, { expect }) => expect.noLeaks(got?.leaked, { what: "trainSoftmaxRegression" }),
  });
});
