// Hidden tests: graded on the server only. This file is read by the grader and never bundled for a page.
import { defineTests } from "@/engine/grading";

declare function meanCrossEntropy(logits: number[][], labels: number[]): number;

export default defineTests((t, { rng }) => {
  t.test("a very wrong prediction", {
    points: 2,
    input: { logits: [[0, 800]], labels: [0] },
    run: ({ logits, labels }) => meanCrossEntropy(logits, labels),
    check: (got, { expect, expected }) =>
      expect.close(got, expected, {
        rel: 1e-12,
        what: "meanCrossEntropy([[0, 800]], [0]) (softmax gives the true class a probability of e⁻⁸⁰⁰, which underflows to 0: compute log-softmax with log-sum-exp instead of taking the log of softmax)",
      }),
  });

  t.test("large negative logits", {
    points: 1,
    input: { logits: [[-1000, -1001, -1002]], labels: [1] },
    run: ({ logits, labels }) => meanCrossEntropy(logits, labels),
    check: (got, { expect, expected }) =>
      expect.close(got, expected, { rel: 1e-9, what: "meanCrossEntropy([[-1000, -1001, -1002]], [1])" }),
  });

  const m = 2000;
  const logits = Array.from({ length: m }, () => rng.array(3, (r) => r.normal(0, 4)));
  const labels = logits.map(() => rng.int(0, 2));
  t.test("two thousand spiral points", {
    points: 2,
    input: { logits, labels },
    run: ({ logits, labels }) => meanCrossEntropy(logits, labels),
    check: (got, { expect, expected, ms }) => {
      expect.close(got, expected, { rel: 1e-9, what: "meanCrossEntropy on 2000 examples of 3 classes" });
      expect.within(ms, 500, { what: "meanCrossEntropy on 2000 examples" });
    },
  });
});
