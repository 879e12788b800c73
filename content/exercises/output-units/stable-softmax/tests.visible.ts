// Visible tests: shown to learners and run by **Check** in their browser.
import { defineTests, type Expect } from "@/engine/grading";

declare function softmax(logits: number[]): number[];

const list = (z: number[]) => `[${z.join(", ")}]`;
const short = (v: number) => String(Number(v.toPrecision(4)));

/** Checks probabilities the way a learner reads them: finite first, then summing to 1, then each value (against the reference solution's). */
function checkProbabilities(expect: Expect, got: unknown, expected: number[], logits: number[], what: string) {
  if (Array.isArray(got) && got.some((p) => typeof p === "number" && !Number.isFinite(p))) {
    expect.that(false, `${what} gave [${got.map((p) => short(p as number)).join(", ")}]: Math.exp of a large logit is Infinity (e^710 already is), and Infinity / Infinity is NaN. The probabilities do not change if you subtract the largest logit before you exponentiate.`);
  }
  if (Array.isArray(got) && got.length === logits.length && got.every((p) => typeof p === "number")) {
    const total = (got as number[]).reduce((a, b) => a + b, 0);
    expect.that(Math.abs(total - 1) < 1e-9, `${what} should sum to 1, got ${short(total)}: divide each exponential by the sum of all of them`);
  }
  expect.close(got, expected, { abs: 1e-9, what });
}

export default defineTests((t, { rng }) => {
  t.test("sums to 1", {
    points: 2,
    input: { logits: [1, 2, 3] },
    run: ({ logits }) => softmax(logits),
    check: (got, { expect, expected }) => checkProbabilities(expect, got, expected, [1, 2, 3], "softmax([1, 2, 3])"),
  });

  t.test("large logits", {
    points: 3,
    input: { logits: [1000, 1001, 1002] },
    run: ({ logits }) => softmax(logits),
    check: (got, { expect, expected }) => checkProbabilities(expect, got, expected, [1000, 1001, 1002], "softmax([1000, 1001, 1002])"),
  });

  t.test("leaves the logits as they were", {
    points: 1,
    input: { logits: [2, -1, 0.5, 3] },
    run: (input) => {
      softmax(input.logits);
      return null;
    },
    check: (_got, { expect, input, inputAfter }) => expect.unchanged(inputAfter.logits, input.logits, { what: "softmax" }),
  });

  const logits = rng.array(5, (r) => Number(r.uniform(-4, 4).toFixed(2)));
  t.test("your own logits", {
    points: 2,
    input: { logits },
    run: (input) => softmax(input.logits),
    check: (got, { expect, expected }) => checkProbabilities(expect, got, expected, logits, `softmax(${list(logits)})`),
  });
});
