// Hidden tests: graded on the server only. This file is read by the grader and never bundled for a page.
import { defineTests } from "@/engine/grading";

declare function bceWithLogits(logits: number[], labels: number[]): number;

export default defineTests((t, { rng }) => {
  t.test("a tiny loss, precisely", {
    points: 1,
    input: { logits: [40], labels: [1] },
    run: ({ logits, labels }) => bceWithLogits(logits, labels),
    check: (got, { expect, expected: want }) => {
      expect.that(
        got !== 0,
        `bceWithLogits([40], [1]) gave exactly 0, but the loss is ${want.toExponential(3)}: 1 + e^-40 rounds to 1 in floating point. Math.log1p(x) computes log(1 + x) without that rounding.`,
      );
      expect.close(got, want, { rel: 1e-6, what: "bceWithLogits([40], [1])" });
    },
  });

  t.test("extreme logits both ways", {
    points: 2,
    input: { logits: [-1000, 1000, 0, 30], labels: [0, 1, 1, 0] },
    run: ({ logits, labels }) => bceWithLogits(logits, labels),
    check: (got, { expect }) =>
      expect.close(got, (0 + 0 + Math.LN2 + 30) / 4, { rel: 1e-9, what: "bceWithLogits([-1000, 1000, 0, 30], [0, 1, 1, 0])" }),
  });

  const m = 50;
  const logits = rng.array(m, (r) => r.uniform(-50, 50));
  const labels = rng.array(m, (r) => (r.next() < 0.4 ? 1 : 0));
  t.test("fifty examples", {
    points: 3,
    input: { logits, labels },
    run: (input) => bceWithLogits(input.logits, input.labels),
    check: (got, { expect, expected }) => expect.close(got, expected, { rel: 1e-9, what: "bceWithLogits on a batch of fifty" }),
  });

  // The examples are made inside the learner's realm, so that only the loss crosses back.
  const n = 100_000;
  t.test("a hundred thousand examples, quickly", {
    points: 1,
    timeLimitMs: 1_000,
    input: { n },
    run: ({ n }) => {
      const logits = Array.from({ length: n }, (_, i) => ((i * 37) % 200) - 100);
      return bceWithLogits(logits, logits.map((_, i) => i % 2));
    },
    check: (got, { expect, expected, ms }) => {
      expect.close(got, expected, { rel: 1e-9, what: "bceWithLogits on 100,000 examples" });
      expect.within(ms, 500, { what: "bceWithLogits on 100,000 examples" });
    },
  });
});
