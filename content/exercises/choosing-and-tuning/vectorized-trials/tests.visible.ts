// Visible tests: shown to learners and run by **Check** in their browser. They hold no answers: each check
// compares with `expected`, what the reference solution returned for the same call.
import { defineTests, type Expect } from "@/engine/grading";

declare const tf: typeof import("@tensorflow/tfjs-core");
type Tensor1D = import("@tensorflow/tfjs-core").Tensor1D;
declare function vectorizedTrials(logRates: Tensor1D, betas: Tensor1D, steps?: number): unknown;

type TensorData = { $tensor: number[]; values: unknown };
const valuesOf = (v: unknown): unknown[] =>
  typeof v === "object" && v !== null && Array.isArray((v as TensorData).$tensor) && Array.isArray((v as TensorData).values) ? ((v as TensorData).values as unknown[]) : [];
const short = (v: number) => String(Number(Number(v).toPrecision(4)));

/** The scores, with the usual slips named: an uncapped NaN, a natural log, and the velocity updated after the move. */
export function checkScores(expect: Expect, got: unknown, expected: unknown, what: string) {
  const scores = valuesOf(got);
  const want = valuesOf(expected) as number[];
  const bad = scores.findIndex((s) => typeof s === "number" && !Number.isFinite(s));
  expect.that(
    bad === -1,
    `${what} gave ${String(scores[bad])} for trial ${bad}, which diverged: its loss overflowed float32. tf.minimum(loss, 1e6) lets NaN through (it appears as Infinity − Infinity); count NaN as the cap as well, for a score of 6`,
  );
  if (scores.length === want.length && want.length > 0) {
    const natural = want.every((w, i) => Math.abs((scores[i] as number) - w * Math.LN10) < 1e-3 * Math.max(1, Math.abs(w)));
    expect.that(!(natural && want.some((w) => Math.abs(w) > 0.1)), `${what} gave the natural log of each loss: the score is log10 (divide the log by Math.LN10)`);
  }
  expect.tensor(got, expected, { abs: 2e-3, what });
}

export default defineTests((t, { rng }) => {
  const lesson = { logRates: [-2, -1.5, -1.2, -1], betas: [0.9, 0.5, 0.8, 0] };
  t.test("the lesson's trials", {
    points: 3,
    input: lesson,
    run: ({ logRates, betas }) => ({
      scores: vectorizedTrials(tf.tensor1d(logRates), tf.tensor1d(betas)),
      // One step of one trial: the heavy ball moves at once; a method that moves before updating its velocity does not.
      firstStep: vectorizedTrials(tf.tensor1d([-1]), tf.tensor1d([0.5]), 1),
    }),
    check: (got, { expect, expected }) => {
      const start = Math.log10(0.5 * (81 + 25 * 2.25));
      const [first] = valuesOf(got?.firstStep) as number[];
      const stuck = (valuesOf(got?.scores) as number[]).every((s) => Math.abs(s - start) < 1e-4);
      expect.that(
        !(typeof first === "number" && Math.abs(first - start) < 1e-4 && !stuck),
        `after one step, vectorizedTrials(tf.tensor1d([-1]), tf.tensor1d([0.5]), 1) still scores the starting loss (log10 ${short(start)}): update the velocity first, then move by the new velocity`,
      );
      checkScores(expect, got?.scores, expected?.scores, "vectorizedTrials(tf.tensor1d([-2, -1.5, -1.2, -1]), tf.tensor1d([0.9, 0.5, 0.8, 0]))");
      checkScores(expect, got?.firstStep, expected?.firstStep, "vectorizedTrials(tf.tensor1d([-1]), tf.tensor1d([0.5]), 1)");
    },
  });

  const wild = { logRates: [-0.5, -0.5, -0.7, -3], betas: [0.95, 0, 0.5, 0.95] };
  t.test("diverging trials are capped", {
    points: 2,
    input: wild,
    run: ({ logRates, betas }) => vectorizedTrials(tf.tensor1d(logRates), tf.tensor1d(betas), 120),
    check: (got, { expect, expected }) => checkScores(expect, got, expected, "vectorizedTrials(tf.tensor1d([-0.5, -0.5, -0.7, -3]), tf.tensor1d([0.95, 0, 0.5, 0.95]), 120)"),
  });

  const seed = rng.int(1, 1_000_000);
  t.test("a thousand trials at once", {
    points: 2,
    timeLimitMs: 1500,
    input: { seed },
    run: ({ seed }) => vectorizedTrials(tf.randomUniform([1000], -3, -0.5, "float32", seed) as Tensor1D, tf.randomUniform([1000], 0, 0.95, "float32", seed + 1) as Tensor1D),
    check: (got, { expect, expected, ms }) => {
      checkScores(expect, got, expected, "vectorizedTrials of 1,000 random (log η, β) pairs");
      expect.within(ms, 800, { what: "vectorizedTrials of 1,000 trials" });
    },
  });

  t.test("leaves no tensors behind", {
    points: 1,
    input: lesson,
    run: ({ logRates, betas }) => {
      const rates = tf.tensor1d(logRates);
      const momenta = tf.tensor1d(betas);
      const before = tf.memory().numTensors;
      vectorizedTrials(rates, momenta);
      // Only the scores may stay.
      return { leaked: tf.memory().numTensors - before - 1 };
    },
    check: (got, { expect }) => expect.noLeaks(got?.leaked, { what: "vectorizedTrials" }),
  });
});
