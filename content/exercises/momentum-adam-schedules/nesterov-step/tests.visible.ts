// Visible tests: shown to learners and run by **Check** in their browser. They hold no answers: each check
// compares with `expected`, what the reference solution returned for the same call (and the reference
// solution's path is tf.train.momentum(eta, beta, true)'s).
import { defineTests, type Expect } from "@/engine/grading";

declare const tf: typeof import("@tensorflow/tfjs-core");
type Tensor1D = import("@tensorflow/tfjs-core").Tensor1D;
declare function nesterovStep(theta: Tensor1D, accum: Tensor1D, grad: Tensor1D, eta: number, beta: number): unknown;

export interface StepCase {
  theta: number[];
  accum: number[];
  grad: number[];
  eta: number;
  beta: number;
}
type TensorData = { $tensor: number[]; values: unknown };
const valuesOf = (v: unknown): number[] =>
  typeof v === "object" && v !== null && Array.isArray((v as TensorData).$tensor) && Array.isArray((v as TensorData).values) ? ((v as TensorData).values as number[]) : [];
const near = (a: number[], b: number[]) => a.length === b.length && a.length > 0 && a.every((x, i) => Math.abs(x - b[i]!) < 1e-5 * Math.max(1, Math.abs(b[i]!)));
const list = (xs: number[]) => `[${xs.map((x) => Number(x.toPrecision(4))).join(", ")}]`;

/** [theta, accum] after one step, with the three slips named: plain momentum, an averaged accumulator, the velocity. */
export function checkStep(expect: Expect, got: unknown, expected: unknown, c: StepCase, what: string) {
  const pair = Array.isArray(got) ? got : [];
  const want = Array.isArray(expected) ? expected : [];
  const theta = valuesOf(pair[0]);
  const accum = valuesOf(pair[1]);
  const newAccum = valuesOf(want[1]);
  const wantTheta = valuesOf(want[0]);
  if (newAccum.length === c.theta.length && !near(theta, wantTheta)) {
    const plain = c.theta.map((x, i) => x - c.eta * newAccum[i]!);
    expect.that(!near(theta, plain), `${what} moved θ to ${list(theta)}, by η a: that is plain momentum. Nesterov moves by η (g + β a), the gradient plus β times the new accumulator`);
  }
  if (newAccum.length === c.theta.length && !near(accum, newAccum)) {
    const averaged = c.accum.map((a, i) => c.beta * a + (1 - c.beta) * c.grad[i]!);
    expect.that(
      !near(accum, averaged),
      `the accumulator from ${what} is ${list(accum)}, an average of the gradients: tf.train.momentum sums them, a ← β a + g, not β a + (1 − β) g`,
    );
    expect.that(
      !near(accum, newAccum.map((a) => -c.eta * a)),
      `the state ${what} returned is ${list(accum)}, the velocity −η a: return tf's accumulator a = β a + g, not the velocity`,
    );
  }
  expect.that(Array.isArray(got) && got.length === 2, `${what} should return [newTheta, newAccum], two tensors`);
  expect.tensor(pair[0], want[0], { abs: 1e-5, rel: 1e-5, what: `the new θ from ${what}` });
  expect.tensor(pair[1], want[1], { abs: 1e-5, rel: 1e-5, what: `the new accumulator from ${what}` });
}

const call = (c: StepCase) => `nesterovStep(θ = ${list(c.theta)}, a = ${list(c.accum)}, g = ${list(c.grad)}, ${c.eta}, ${c.beta})`;

export default defineTests((t, { rng }) => {
  const rest: StepCase = { theta: [1, -2], accum: [0, 0], grad: [0.5, 1], eta: 0.1, beta: 0.9 };
  t.test("one step from rest", {
    points: 2,
    input: rest,
    run: ({ theta, accum, grad, eta, beta }) => nesterovStep(tf.tensor1d(theta), tf.tensor1d(accum), tf.tensor1d(grad), eta, beta),
    check: (got, { expect, expected }) => checkStep(expect, got, expected, rest, call(rest)),
  });

  const n = rng.int(2, 5);
  const moving: StepCase = {
    theta: rng.array(n, (r) => Number(r.uniform(-2, 2).toFixed(2))),
    accum: rng.array(n, (r) => Number(r.uniform(-5, 5).toFixed(2))),
    grad: rng.array(n, (r) => Number(r.uniform(-3, 3).toFixed(2))),
    eta: rng.pick([0.01, 0.05, 0.1]),
    beta: rng.pick([0.5, 0.9, 0.99]),
  };
  t.test("a step with momentum built up", {
    points: 2,
    input: moving,
    run: ({ theta, accum, grad, eta, beta }) => nesterovStep(tf.tensor1d(theta), tf.tensor1d(accum), tf.tensor1d(grad), eta, beta),
    check: (got, { expect, expected }) => checkStep(expect, got, expected, moving, call(moving)),
  });

  // The lesson's valley and start, 40 steps with η = 0.03 and β = 0.9.
  t.test("forty steps down the valley, as tf.train.momentum takes them", {
    points: 3,
    input: { start: [-9, 1.5], eta: 0.03, beta: 0.9, steps: 40 },
    run: ({ start, eta, beta, steps }) => {
      const valleyGradient = tf.grad((p: import("@tensorflow/tfjs-core").Tensor) => p.square().mul(tf.tensor1d([0.5, 12.5])).sum());
      let theta = tf.tensor1d(start);
      let accum = tf.zerosLike(theta);
      const path = [theta];
      for (let step = 0; step < steps; step++) {
        const next = nesterovStep(theta, accum, valleyGradient(theta) as Tensor1D, eta, beta) as [Tensor1D, Tensor1D];
        [theta, accum] = next;
        path.push(theta);
      }
      return tf.stack(path);
    },
    check: (got, { expect, expected }) =>
      expect.tensor(got, expected, { abs: 1e-4, rel: 1e-4, what: "the path of 40 nesterovStep calls from [-9, 1.5] on (u² + 25v²)/2 (η = 0.03, β = 0.9)" }),
  });

  t.test("leaves no tensors behind", {
    points: 1,
    input: moving,
    run: ({ theta, accum, grad, eta, beta }) => {
      const tensors = [tf.tensor1d(theta), tf.tensor1d(accum), tf.tensor1d(grad)] as const;
      const before = tf.memory().numTensors;
      nesterovStep(tensors[0], tensors[1], tensors[2], eta, beta);
      // The two tensors it returns may stay, nothing else.
      return { leaked: tf.memory().numTensors - before - 2 };
    },
    check: (got, { expect }) => expect.noLeaks(got?.leaked, { what: "nesterovStep" }),
  });
});
