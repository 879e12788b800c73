// Hidden tests: graded on the server only. This file is read by the grader and never bundled for a page.
import { defineTests } from "@/engine/grading";

declare function crossEntropyGrad(logits: number[][], labels: number[]): number[][];

const loss = (logits: number[][], labels: number[]) =>
  logits.reduce((total, z, i) => {
    const max = Math.max(...z);
    return total + max + Math.log(z.reduce((s, zk) => s + Math.exp(zk - max), 0)) - z[labels[i]!]!;
  }, 0) / logits.length;

export default defineTests((t, { rng }) => {
  const logits = Array.from({ length: 5 }, () => rng.array(3, (r) => r.normal(0, 2)));
  const labels = logits.map(() => rng.int(0, 2));
  // Central differences of the loss itself, computed here: the gradient must match them.
  const numeric = logits.map((z, i) =>
    z.map((_, k) => {
      const shifted = (d: number) => logits.map((row, r) => row.map((v, c) => (r === i && c === k ? v + d : v)));
      return (loss(shifted(1e-6), labels) - loss(shifted(-1e-6), labels)) / 2e-6;
    }),
  );
  t.test("agrees with finite differences of the loss", {
    points: 3,
    input: { logits, labels },
    run: ({ logits, labels }) => crossEntropyGrad(logits, labels),
    check: (got, { expect }) => expect.close(got, numeric, { abs: 1e-7, what: "crossEntropyGrad on 5 examples against finite differences of the mean cross-entropy" }),
  });

  t.test("rows sum to zero", {
    points: 1,
    input: { logits: [[3, -2, 7, 0.5], [-40, 40, 0, 1]], labels: [3, 0] },
    run: ({ logits, labels }) => crossEntropyGrad(logits, labels).map((row) => row.reduce((a, b) => a + b, 0)),
    check: (got, { expect }) => expect.close(got, [0, 0], { abs: 1e-12, what: "the row sums of crossEntropyGrad([[3, -2, 7, 0.5], [-40, 40, 0, 1]], [3, 0])" }),
  });

  t.test("does not change the logits", {
    points: 1,
    input: { logits: [[1, 2], [3, 4]], labels: [0, 1] },
    run: (input) => {
      crossEntropyGrad(input.logits, input.labels);
      return null;
    },
    check: (_got, { expect, input, inputAfter }) => expect.unchanged(inputAfter, input, { what: "crossEntropyGrad" }),
  });
});
