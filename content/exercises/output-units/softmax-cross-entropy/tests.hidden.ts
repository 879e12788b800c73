// Hidden tests: graded on the server only. This file is read by the grader and never bundled for a page.
import { defineTests } from "@/engine/grading";

declare function softmaxCrossEntropy(logits: number[][], labels: number[], temperature: number): number;

export default defineTests((t, { rng }) => {
  t.test("huge logits, right and wrong", {
    points: 2,
    input: { logits: [[1000, 1001], [-1000, -1000]], labels: [0, 1], temperature: 1 },
    run: ({ logits, labels, temperature }) => softmaxCrossEntropy(logits, labels, temperature),
    check: (got, { expect, expected }) => expect.close(got, expected, { rel: 1e-9, what: "softmaxCrossEntropy([[1000, 1001], [-1000, -1000]], [0, 1], 1)" }),
  });

  t.test("a low temperature", {
    points: 2,
    input: { logits: [[2, 1, 0]], labels: [1], temperature: 0.01 },
    run: ({ logits, labels, temperature }) => softmaxCrossEntropy(logits, labels, temperature),
    check: (got, { expect, expected }) => expect.close(got, expected, { rel: 1e-9, what: "softmaxCrossEntropy([[2, 1, 0]], [1], 0.01)" }),
  });

  t.test("leaves the logits and labels as they were", {
    points: 1,
    input: { logits: [[5, -5, 0]], labels: [2], temperature: 0.5 },
    run: (input) => {
      softmaxCrossEntropy(input.logits, input.labels, input.temperature);
      return null;
    },
    check: (_got, { expect, input, inputAfter }) => expect.unchanged(inputAfter, input, { what: "softmaxCrossEntropy" }),
  });

  const rows = 1000;
  const logits = Array.from({ length: rows }, () => rng.array(10, (r) => r.normal(0, 4)));
  const labels = logits.map(() => rng.int(0, 9));
  const temperature = Number(rng.uniform(0.5, 2).toFixed(2));
  t.test("a thousand examples of ten classes", {
    points: 3,
    timeLimitMs: 2_000,
    input: { logits, labels, temperature },
    run: (input) => softmaxCrossEntropy(input.logits, input.labels, input.temperature),
    check: (got, { expect, expected, ms }) => {
      expect.close(got, expected, { rel: 1e-9, what: `softmaxCrossEntropy on 1,000 examples at temperature ${temperature}` });
      expect.within(ms, 500, { what: "softmaxCrossEntropy on 1,000 examples" });
    },
  });
});
