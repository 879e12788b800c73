// Visible tests: shown to learners and run by **Check** in their browser. They hold no answers: each check
// compares with `expected`, what the reference solution returned for the same call.
import { defineTests, type Expect } from "@/engine/grading";

declare const tf: typeof import("@tensorflow/tfjs-core");
type Tensor1D = import("@tensorflow/tfjs-core").Tensor1D;
declare function bceFromLogits(logits: Tensor1D, labels: Tensor1D): import("@tensorflow/tfjs-core").Scalar;

type TensorData = { $tensor: number[]; dtype?: string; values: unknown };
const isTensor = (v: unknown): v is TensorData => typeof v === "object" && v !== null && Array.isArray((v as TensorData).$tensor);
const valueOf = (v: unknown) => (isTensor(v) && typeof v.values === "number" ? v.values : undefined);
const list = (xs: number[]) => `[${xs.join(", ")}]`;

/** The loss, with the two slips that give a wrong number named: a non-finite log, and a sum instead of a mean. */
export function checkLoss(expect: Expect, got: unknown, expected: unknown, m: number, what: string) {
  const value = valueOf(got);
  const want = valueOf(expected);
  if (value !== undefined && want !== undefined) {
    expect.that(
      Number.isFinite(value),
      `${what} is ${value}: the log of σ(z) or of 1 − σ(z) is -Infinity once σ(z) rounds to 0 or 1 (in float32, σ(20) already is 1). Write the loss as softplus(z) − y z, with the lesson's stable softplus`,
    );
    expect.that(
      !(m > 1 && Math.abs(value - m * want) < 1e-4 * Math.max(1, Math.abs(m * want))),
      `${what} is ${Number(value.toPrecision(5))}, ${m} times too large: return the mean over the ${m} examples, not the sum`,
    );
  }
  expect.tensor(got, expected, { abs: 1e-5, rel: 1e-5, what });
}

export default defineTests((t, { rng }) => {
  const small = { logits: [2, -1, 0.5, 0], labels: [1, 0, 0, 1] };
  t.test("a small batch", {
    points: 2,
    input: small,
    run: ({ logits, labels }) => bceFromLogits(tf.tensor1d(logits), tf.tensor1d(labels)),
    check: (got, { expect, expected }) => checkLoss(expect, got, expected, 4, `bceFromLogits(tf.tensor1d(${list(small.logits)}), tf.tensor1d(${list(small.labels)}))`),
  });

  const confident = { logits: [200, -200, 50, -50], labels: [1, 0, 0, 1] };
  t.test("confident logits", {
    points: 3,
    input: confident,
    run: ({ logits, labels }) => bceFromLogits(tf.tensor1d(logits), tf.tensor1d(labels)),
    check: (got, { expect, expected }) => checkLoss(expect, got, expected, 4, `bceFromLogits(tf.tensor1d(${list(confident.logits)}), tf.tensor1d(${list(confident.labels)}))`),
  });

  // Two examples the model is sure about and wrong on, one it is sure about and right on, one undecided.
  const sure = { logits: [20, -30, 25, 0.3], labels: [0, 1, 1, 0] };
  t.test("its gradient is (σ(z) − y) / m", {
    points: 2,
    input: sure,
    run: ({ logits, labels }) => {
      const y = tf.tensor1d(labels);
      return tf.grad((z: import("@tensorflow/tfjs-core").Tensor) => bceFromLogits(z as Tensor1D, y))(tf.tensor1d(logits));
    },
    check: (got, { expect, expected }) => {
      const what = `tf.grad of bceFromLogits at the logits ${list(sure.logits)} with labels ${list(sure.labels)}`;
      const g = isTensor(got) && Array.isArray(got.values) ? got.values : [];
      const want = isTensor(expected) && Array.isArray(expected.values) ? expected.values : [];
      const stuck = want.findIndex((w, i) => typeof w === "number" && Math.abs(w) > 0.1 && g[i] === 0);
      expect.that(
        stuck === -1,
        `${what} is 0 at [${stuck}], where z = ${sure.logits[stuck]} and y = ${sure.labels[stuck]}: the model is badly wrong there and should get the largest push. Clipping σ(z) (or rounding it) stops the gradient; the softplus form keeps it`,
      );
      expect.tensor(got, expected, { abs: 1e-6, what });
    },
  });

  const m = rng.int(5, 9);
  const own = { logits: rng.array(m, (r) => Number(r.uniform(-6, 6).toFixed(2))), labels: rng.array(m, (r) => (r.next() < 0.5 ? 0 : 1)) };
  t.test("leaves no tensors behind", {
    points: 1,
    input: own,
    run: ({ logits, labels }) => {
      const z = tf.tensor1d(logits);
      const y = tf.tensor1d(labels);
      const before = tf.memory().numTensors;
      bceFromLogits(z, y);
      // Only the loss it returns may stay.
      return { leaked: tf.memory().numTensors - before - 1 };
    },
    check: (got, { expect }) => expect.noLeaks(got?.leaked, { what: "bceFromLogits" }),
  });

  t.test("your own batch", {
    points: 2,
    input: own,
    run: ({ logits, labels }) => bceFromLogits(tf.tensor1d(logits), tf.tensor1d(labels)),
    check: (got, { expect, expected }) => checkLoss(expect, got, expected, m, `bceFromLogits(tf.tensor1d(${list(own.logits)}), tf.tensor1d(${list(own.labels)}))`),
  });
});
