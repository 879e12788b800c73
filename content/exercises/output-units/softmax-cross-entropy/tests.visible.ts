// Visible tests: shown to learners and run by **Check** in their browser.
import { defineTests, type Expect } from "@/engine/grading";

declare function softmaxCrossEntropy(logits: number[][], labels: number[], temperature: number): number;

const logSumExp = (a: number[]) => {
  const top = Math.max(...a);
  return top + Math.log(a.reduce((s, v) => s + Math.exp(v - top), 0));
};
const reference = (z: number[][], y: number[], T: number) =>
  z.reduce((sum, row, i) => sum + logSumExp(row.map((v) => v / T)) - (row[y[i] as number] as number) / T, 0) / z.length;
const short = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(4))) : String(v));
const near = (a: unknown, b: number) => typeof a === "number" && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
const call = (z: number[][], y: number[], T: number) => `softmaxCrossEntropy([${z.map((row) => `[${row.join(", ")}]`).join(", ")}], [${y.join(", ")}], ${T})`;

/** The learner's loss against the reference, naming the usual mistakes before the plain comparison. */
function checkLoss(expect: Expect, got: unknown, z: number[][], y: number[], T: number) {
  const what = call(z, y, T);
  const want = reference(z, y, T);
  expect.that(
    typeof got !== "number" || Number.isFinite(got),
    `${what} gave ${String(got)}, but the loss is ${short(want)}: a softmax probability rounded to 0 (log 0 is -Infinity) or an e^z overflowed. Compute log Σ e^{z_j} with the log-sum-exp trick (subtract the largest logit, add it back after the log) instead of taking the log of a probability.`,
  );
  expect.that(z.length < 2 || !near(got, want * z.length), `${what} gave ${short(got as number)}, the total over the examples: divide it by the number of examples to get the mean`);
  expect.that(
    T === 1 || near(got, want) || !near(got, reference(z, y, 1 / T)),
    `${what} gave ${short(got as number)}, which is the loss at temperature ${short(1 / T)}: divide the logits by the temperature, do not multiply`,
  );
  expect.that(T === 1 || near(got, want) || !near(got, reference(z, y, 1)), `${what} gave ${short(got as number)}, the loss at temperature 1: divide the logits by the temperature first`);
  expect.close(got, want, { rel: 1e-9, what });
}

export default defineTests((t, { rng }) => {
  t.test("one example", {
    points: 2,
    input: { logits: [[2, -1, 0.5, 0]], labels: [2], temperature: 1 },
    run: ({ logits, labels, temperature }) => softmaxCrossEntropy(logits, labels, temperature),
    check: (got, { expect }) => checkLoss(expect, got, [[2, -1, 0.5, 0]], [2], 1),
  });

  t.test("a confidently wrong example", {
    points: 3,
    input: { logits: [[800, 0, -800]], labels: [1], temperature: 1 },
    run: ({ logits, labels, temperature }) => softmaxCrossEntropy(logits, labels, temperature),
    check: (got, { expect }) => checkLoss(expect, got, [[800, 0, -800]], [1], 1),
  });

  t.test("a temperature of 2", {
    points: 2,
    input: { logits: [[3, 1.5, 1]], labels: [0], temperature: 2 },
    run: ({ logits, labels, temperature }) => softmaxCrossEntropy(logits, labels, temperature),
    check: (got, { expect }) => checkLoss(expect, got, [[3, 1.5, 1]], [0], 2),
  });

  t.test("averages over the examples", {
    points: 1,
    input: { logits: [[1, 0], [0, 1], [2, 2]], labels: [0, 0, 1], temperature: 1 },
    run: ({ logits, labels, temperature }) => softmaxCrossEntropy(logits, labels, temperature),
    check: (got, { expect }) => checkLoss(expect, got, [[1, 0], [0, 1], [2, 2]], [0, 0, 1], 1),
  });

  const logits = [0, 1].map(() => rng.array(4, (r) => Number(r.uniform(-5, 5).toFixed(1))));
  const labels = logits.map(() => rng.int(0, 3));
  const temperature = rng.pick([0.5, 1.5, 3]);
  t.test("your own batch", {
    points: 2,
    input: { logits, labels, temperature },
    run: (input) => softmaxCrossEntropy(input.logits, input.labels, input.temperature),
    check: (got, { expect }) => checkLoss(expect, got, logits, labels, temperature),
  });
});
