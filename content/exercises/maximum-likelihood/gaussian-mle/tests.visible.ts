// Visible tests: shown to learners and run by **Check** in their browser. They hold no answers: each check
// compares with `expected`, what the reference solution returned for the same call.
import { defineTests, type Expect } from "@/engine/grading";

declare const tf: typeof import("@tensorflow/tfjs-core");
declare function fitGaussianMle(ys: import("@tensorflow/tfjs-core").Tensor1D, steps: number, rate: number): { params: unknown; nlls: unknown };

type Fit = { params?: unknown; nlls?: unknown } | undefined;
type TensorData = { $tensor: number[]; values: unknown };
const pair = (v: unknown): number[] =>
  typeof v === "object" && v !== null && Array.isArray((v as TensorData).$tensor) && Array.isArray((v as TensorData).values) ? ((v as TensorData).values as number[]) : [];
const short = (v: number) => String(Number(v.toPrecision(4)));

/** [mu, sigma], with the two ways sigma goes wrong named: s returned instead of e^s, and a sigma that ran away. */
export function checkParams(expect: Expect, got: Fit, expected: Fit, what: string) {
  const [, sigma] = pair(got?.params);
  const [, wantSigma] = pair(expected?.params);
  if (typeof sigma === "number" && typeof wantSigma === "number") {
    expect.that(
      !(Math.abs(sigma - Math.log(wantSigma)) < 0.02 && Math.abs(sigma - wantSigma) > 0.02),
      `params[1] from ${what} is ${short(sigma)}, which is log σ: return σ = e^s, not s = log σ`,
    );
    expect.that(
      !(sigma > Math.max(1.5 * wantSigma, 1.5)),
      `σ from ${what} came out as ${short(sigma)}, far above the data's spread: it grows without bound when the NLL lacks its + s (= log σ) term, the price the likelihood charges for a wide σ`,
    );
  }
  expect.tensor(got?.params, expected?.params, { abs: 5e-3, what: `[μ, σ] from ${what}` });
}

/** The recorded NLLs, with a missing constant and an off-by-one step named. */
export function checkNlls(expect: Expect, got: Fit, expected: Fit, what: string) {
  const nlls = Array.isArray(got?.nlls) ? (got?.nlls as unknown[]) : [];
  const want = Array.isArray(expected?.nlls) ? (expected?.nlls as number[]) : [];
  const [first, second] = [nlls[0], nlls[1]];
  if (typeof first === "number" && want.length > 1) {
    const constant = 0.5 * Math.log(2 * Math.PI);
    expect.that(
      !(Math.abs(want[0]! - first - constant) < 1e-3),
      `nlls[0] from ${what} is ${short(first)}, ${short(constant)} below the NLL: add the constant ½ log(2π) of the Gaussian density`,
    );
    expect.that(
      !(Math.abs(first - want[1]!) < 1e-4 && typeof second === "number" && Math.abs(second - want[2]!) < 1e-4),
      `nlls from ${what} starts with the loss after the first step: record the loss before each step (nlls[0] is J at μ = 0, σ = 1)`,
    );
  }
  expect.close(got?.nlls, expected?.nlls, { abs: 2e-3, what: `the NLLs recorded by ${what}` });
}

export default defineTests((t, { rng }) => {
  const mean = Number(rng.uniform(1, 4).toFixed(1));
  const spread = Number(rng.uniform(0.5, 2).toFixed(2));
  const ys = rng.array(30, (r) => Number(r.normal(mean, spread).toFixed(2)));
  const call = `fitGaussianMle(your 30 samples, 200, 0.2)`;
  t.test("fits the mean and the spread", {
    points: 3,
    input: { ys, steps: 200, rate: 0.2 },
    timeLimitMs: 3000,
    run: ({ ys, steps, rate }) => fitGaussianMle(tf.tensor1d(ys), steps, rate),
    check: (got, { expect, expected }) => checkParams(expect, got, expected, call),
  });

  const few = { ys: [2, 3.5, 1, 4.5, 3, 9], steps: 20, rate: 0.1 };
  t.test("records the NLL before every step", {
    points: 2,
    input: few,
    run: ({ ys, steps, rate }) => fitGaussianMle(tf.tensor1d(ys), steps, rate),
    check: (got, { expect, expected }) => checkNlls(expect, got, expected, "fitGaussianMle(tf.tensor1d([2, 3.5, 1, 4.5, 3, 9]), 20, 0.1)"),
  });

  t.test("the NLL goes down", {
    points: 1,
    input: few,
    run: ({ ys, steps, rate }) => fitGaussianMle(tf.tensor1d(ys), steps, rate).nlls,
    check: (got, { expect }) => expect.decreases(got, { by: 0.3, what: "the NLL recorded by fitGaussianMle(tf.tensor1d([2, 3.5, 1, 4.5, 3, 9]), 20, 0.1)" }),
  });

  t.test("leaves no tensors behind", {
    points: 1,
    input: few,
    run: ({ ys, steps, rate }) => {
      const data = tf.tensor1d(ys);
      const before = tf.memory().numTensors;
      fitGaussianMle(data, steps, rate);
      // Only params may stay.
      return { leaked: tf.memory().numTensors - before - 1 };
    },
    check: (got, { expect }) => expect.noLeaks(got?.leaked, { what: "fitGaussianMle" }),
  });
});
