// Visible tests: shown to learners and run by **Check** in their browser.
import { defineTests, type Expect } from "@/engine/grading";

declare function softmaxCrossEntropy(logits: number[][], labels: number[], temperature: number): number;

const short = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(4))) : String(v));
const near = (a: unknown, b: number) => typeof a === "number" && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
const call = (z: number[][], y: number[], T: number) => `softmaxCrossEntropy([${z.map((row) => `[${row.join(", ")}]`).join(", ")}], [${y.join(", ")}], ${T})`;

/** What a test's `run` returns: the loss at the temperature, and (for T ≠ 1) at 1/T and at 1, to name those mistakes. */
export interface Losses {
  loss: unknown;
  inverted?: unknown;
  atOne?: unknown;
}

/**
 * The loss, and for T ≠ 1 the losses at temperatures 1/T and 1: from the reference solution, those name
 * the mistakes of multiplying by T and of ignoring it. A learner's extra losses are never judged, so they may throw.
 */
export const atTemperatures = ({ logits, labels, temperature }: { logits: number[][]; labels: number[]; temperature: number }): Losses => {
  const loss = softmaxCrossEntropy(logits, labels, temperature);
  if (temperature === 1) return { loss };
  const tryAt = (T: number): unknown => {
    try {
      return softmaxCrossEntropy(logits, labels, T);
    } catch {
      return undefined;
    }
  };
  return { loss, inverted: tryAt(1 / temperature), atOne: tryAt(1) };
};

/** The learner's loss against the reference solution's (`expected`), naming the usual mistakes before the plain comparison. */
function checkLoss(expect: Expect, got: unknown, expected: Losses, z: number[][], y: number[], T: number) {
  const what = call(z, y, T);
  const want = expected.loss as number;
  const number = (v: unknown) => (typeof v === "number" ? v : NaN);
  expect.that(
    typeof got !== "number" || Number.isFinite(got),
    `${what} gave ${String(got)}, but the loss is ${short(want)}: a softmax probability rounded to 0 (log 0 is -Infinity) or an e^z overflowed. Compute log Σ e^{z_j} with the log-sum-exp trick (subtract the largest logit, add it back after the log) instead of taking the log of a probability.`,
  );
  expect.that(z.length < 2 || !near(got, want * z.length), `${what} gave ${short(got as number)}, the total over the examples: divide it by the number of examples to get the mean`);
  expect.that(
    T === 1 || near(got, want) || !near(got, number(expected.inverted)),
    `${what} gave ${short(got as number)}, which is the loss at temperature ${short(1 / T)}: divide the logits by the temperature, do not multiply`,
  );
  expect.that(T === 1 || near(got, want) || !near(got, number(expected.atOne)), `${what} gave ${short(got as number)}, the loss at temperature 1: divide the logits by the temperature first`);
  expect.close(got, want, { rel: 1e-9, what });
}

export default defineTests((t, { rng }) => {
  t.test("one example", {
    points: 2,
    input: { logits: [[2, -1, 0.5, 0]], labels: [2], temperature: 1 },
    run: atTemperatures,
    check: (got, { expect, expected }) => checkLoss(expect, got.loss, expected, [[2, -1, 0.5, 0]], [2], 1),
  });

  t.test("a confidently wrong example", {
    points: 3,
    input: { logits: [[800, 0, -800]], labels: [1], temperature: 1 },
    run: atTemperatures,
    check: (got, { expect, expected }) => checkLoss(expect, got.loss, expected, [[800, 0, -800]], [1], 1),
  });

  t.test("a temperature of 2", {
    points: 2,
    input: { logits: [[3, 1.5, 1]], labels: [0], temperature: 2 },
    run: atTemperatures,
    check: (got, { expect, expected }) => checkLoss(expect, got.loss, expected, [[3, 1.5, 1]], [0], 2),
  });

  t.test("averages over the examples", {
    points: 1,
    input: { logits: [[1, 0], [0, 1], [2, 2]], labels: [0, 0, 1], temperature: 1 },
    run: atTemperatures,
    check: (got, { expect, expected }) => checkLoss(expect, got.loss, expected, [[1, 0], [0, 1], [2, 2]], [0, 0, 1], 1),
  });

  const logits = [0, 1].map(() => rng.array(4, (r) => Number(r.uniform(-5, 5).toFixed(1))));
  const labels = logits.map(() => rng.int(0, 3));
  const temperature = rng.pick([0.5, 1.5, 3]);
  t.test("your own batch", {
    points: 2,
    input: { logits, labels, temperature },
    run: atTemperatures,
    check: (got, { expect, expected }) => checkLoss(expect, got.loss, expected, logits, labels, temperature),
  });
});
