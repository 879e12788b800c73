// Visible tests: shown to learners and run by **Check** in their browser.
import { defineTests, type Expect } from "@/engine/grading";

declare function bceWithLogits(logits: number[], labels: number[]): number;

const short = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(4))) : String(v));
const near = (a: unknown, b: number) => typeof a === "number" && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

/** What a test's `run` returns: the loss, and the loss with every label flipped (to name that mistake). */
export interface Losses {
  loss: unknown;
  flipped: unknown;
}

/**
 * The loss, and the loss the other labels would get: from the reference solution, the second names the
 * mistake of flipping the label. A learner's flipped loss is never judged, so it may throw.
 */
export const withFlippedLabels = ({ logits, labels }: { logits: number[]; labels: number[] }): Losses => {
  const loss = bceWithLogits(logits, labels);
  let flipped: unknown;
  try {
    flipped = bceWithLogits(logits, labels.map((label) => 1 - label));
  } catch {
    flipped = undefined;
  }
  return { loss, flipped };
};

/** The learner's loss against the reference solution's (`expected`), naming the usual mistakes before the plain comparison. */
function checkLoss(expect: Expect, got: unknown, expected: Losses, z: number[], what: string) {
  const want = expected.loss as number;
  expect.that(
    typeof got !== "number" || Number.isFinite(got),
    `${what} gave ${String(got)}, but the loss is ${short(want)}: σ(z) rounds to exactly 0 or 1 for large |z| (and e^a overflows for a > 709), so a log or an exp blows up. Compute each example's loss as softplus((1 - 2y)·z) with the stable softplus max(a, 0) + log1p(e^(-|a|)).`,
  );
  expect.that(
    z.length < 2 || !near(got, want * z.length),
    `${what} gave ${short(got as number)}, the total over the examples: divide it by the number of examples to get the mean`,
  );
  const flipped = typeof expected.flipped === "number" ? expected.flipped : NaN;
  expect.that(
    near(got, want) || flipped < 1e-3 || !near(got, flipped),
    `${what} gave ${short(got as number)}, the loss the other label would get: for y = 1 the loss is ζ(-z), for y = 0 it is ζ(z)`,
  );
  expect.close(got, want, { rel: 1e-9, what });
}

export default defineTests((t, { rng }) => {
  t.test("small logits", {
    points: 2,
    input: { logits: [0.5, -1, 2], labels: [1, 0, 0] },
    run: withFlippedLabels,
    check: (got, { expect, expected }) => checkLoss(expect, got.loss, expected, [0.5, -1, 2], "bceWithLogits([0.5, -1, 2], [1, 0, 0])"),
  });

  t.test("a confidently wrong logit", {
    points: 3,
    input: { logits: [-800, 800], labels: [1, 0] },
    run: withFlippedLabels,
    check: (got, { expect, expected }) => checkLoss(expect, got.loss, expected, [-800, 800], "bceWithLogits([-800, 800], [1, 0])"),
  });

  t.test("averages over the examples", {
    points: 1,
    input: { logits: [1, 1, 1, 1], labels: [1, 1, 0, 0] },
    run: withFlippedLabels,
    check: (got, { expect, expected }) => checkLoss(expect, got.loss, expected, [1, 1, 1, 1], "bceWithLogits([1, 1, 1, 1], [1, 1, 0, 0])"),
  });

  t.test("leaves the logits and labels as they were", {
    points: 1,
    input: { logits: [3, -2, 0.25], labels: [0, 0, 1] },
    run: (input) => {
      bceWithLogits(input.logits, input.labels);
      return null;
    },
    check: (_got, { expect, input, inputAfter }) => expect.unchanged(inputAfter, input, { what: "bceWithLogits" }),
  });

  const logits = rng.array(6, (r) => Number(r.uniform(-6, 6).toFixed(2)));
  const labels = rng.array(6, (r) => (r.next() < 0.5 ? 1 : 0));
  t.test("your own batch", {
    points: 2,
    input: { logits, labels },
    run: withFlippedLabels,
    check: (got, { expect, expected }) => checkLoss(expect, got.loss, expected, logits, `bceWithLogits([${logits.join(", ")}], [${labels.join(", ")}])`),
  });
});
