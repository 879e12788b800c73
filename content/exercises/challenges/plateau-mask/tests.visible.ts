// Visible tests: shown to learners and run by **Check** in their browser. They hold no answers: each check
// compares with `expected`, what the reference solution returned for the same call.
import { defineTests, type Expect } from "@/engine/grading";

declare const tf: typeof import("@tensorflow/tfjs-core");
declare function plateauMask(losses: import("@tensorflow/tfjs-core").Tensor1D, window: number, tol: number): unknown;

type TensorData = { $tensor: number[]; dtype?: string; values: unknown };
const isTensor = (v: unknown): v is TensorData => typeof v === "object" && v !== null && Array.isArray((v as TensorData).$tensor);
/** The steps a mask marks, when it is a bool tensor of the expected length (otherwise expect.tensor explains). */
const marked = (v: unknown, n: number): number[] | undefined =>
  isTensor(v) && v.dtype === "bool" && Array.isArray(v.values) && v.values.length === n ? v.values.flatMap((x, t) => (x ? [t] : [])) : undefined;

export interface MaskCase {
  losses: number[];
  window: number;
  tol: number;
}

/** The mask, with the usual slips named first: flagged early steps, and steps flagged that are not on a plateau. */
export function checkMask(expect: Expect, got: unknown, expected: unknown, { losses, window, tol }: MaskCase, what: string, wrongFlag?: string) {
  const call = `plateauMask(${what}, ${window}, ${tol})`;
  const gotSteps = marked(got, losses.length);
  const wantSteps = marked(expected, losses.length) ?? [];
  if (gotSteps) {
    const early = gotSteps.filter((t) => t < window);
    expect.that(
      early.length === 0,
      `${call} marks step ${early[0]} as a plateau, but the first ${window === 1 ? "step has" : `${window} steps have`} nothing to compare with (there is no loss ${window} step${window === 1 ? "" : "s"} before ${window === 1 ? "it" : "them"}): ${window === 1 ? "it" : "they"} must be false`,
    );
    const extra = gotSteps.filter((t) => !wantSteps.includes(t));
    if (wrongFlag) expect.that(extra.length === 0, `${call} marks step ${extra[0]} as a plateau: ${wrongFlag}`);
  }
  expect.tensor(got, expected, { abs: 0, what: call });
}

export default defineTests((t) => {
  const short: MaskCase = { losses: [5, 4, 3, 2.99, 2.985, 2.98, 2, 1], window: 2, tol: 0.05 };
  t.test("a short curve", {
    points: 2,
    input: short,
    run: ({ losses, window, tol }) => plateauMask(tf.tensor1d(losses), window, tol),
    check: (got, { expect, expected }) => checkMask(expect, got, expected, short, "tf.tensor1d([5, 4, 3, 2.99, 2.985, 2.98, 2, 1])"),
  });

  // Down by 0.02 a step for ten steps, then flat: 0.06 over a window of 3 is progress, not a plateau.
  const slow: MaskCase = { losses: [...Array.from({ length: 10 }, (_, i) => 3 - 0.02 * i), 2.82, 2.82, 2.82, 2.82, 2.82], window: 3, tol: 0.05 };
  t.test("a slow descent is no plateau", {
    points: 2,
    input: slow,
    run: ({ losses, window, tol }) => plateauMask(tf.tensor1d(losses), window, tol),
    check: (got, { expect, expected }) =>
      checkMask(expect, got, expected, slow, "a loss falling by 0.02 a step, then flat", "each step there is only 0.02 lower than the one before, but 0.06 lower than 3 steps earlier, more than tol = 0.05. Compare with the loss window steps earlier, not with the previous step"),
  });

  const rising: MaskCase = { losses: [1, 1.01, 1.5, 2.5, 4, 6.5], window: 1, tol: 0.1 };
  t.test("a rising loss is no plateau", {
    points: 1,
    input: rising,
    run: ({ losses, window, tol }) => plateauMask(tf.tensor1d(losses), window, tol),
    check: (got, { expect, expected }) =>
      checkMask(expect, got, expected, rising, "tf.tensor1d([1, 1.01, 1.5, 2.5, 4, 6.5])", "the loss rose there by far more than tol. A plateau is a change smaller than tol in either direction: take the absolute value of the difference"),
  });

  // The lesson's plateau: a sigmoid unit trained with squared error from the badly wrong w = -6 (σ(wx), 41
  // points on [-2, 2] labelled by the sign of x, gradient descent with η = 0.5): the loss creeps for a
  // hundred steps, then falls.
  const xs = Array.from({ length: 41 }, (_, i) => -2 + i / 10);
  const curve: number[] = [];
  for (let step = 0, w = -6; step < 200; step++) {
    let loss = 0;
    let g = 0;
    for (const x of xs) {
      const p = 1 / (1 + Math.exp(-w * x));
      const y = x > 0 ? 1 : 0;
      loss += (p - y) ** 2;
      g += 2 * (p - y) * p * (1 - p) * x;
    }
    curve.push(loss / xs.length);
    w -= (0.5 * g) / xs.length;
  }
  const sigmoid: MaskCase = { losses: curve, window: 10, tol: 2e-3 };
  t.test("the plateau of a saturated sigmoid", {
    points: 2,
    input: sigmoid,
    run: ({ losses, window, tol }) => plateauMask(tf.tensor1d(losses), window, tol),
    check: (got, { expect, expected }) => checkMask(expect, got, expected, sigmoid, "the lesson's squared-error loss curve (200 steps)"),
  });

  t.test("leaves no tensors behind", {
    points: 1,
    input: slow,
    run: ({ losses, window, tol }) => {
      const curveTensor = tf.tensor1d(losses);
      const before = tf.memory().numTensors;
      plateauMask(curveTensor, window, tol);
      // Only the mask it returns may stay.
      return { leaked: tf.memory().numTensors - before - 1 };
    },
    check: (got, { expect }) => expect.noLeaks(got?.leaked, { what: "plateauMask" }),
  });
});
