// Visible tests: shown to learners and run by **Check** in their browser.
import { defineTests } from "@/engine/grading";

declare function meanCrossEntropy(logits: number[][], labels: number[]): number;

const rows = (logits: number[][]) => `[${logits.map((z) => `[${z.join(", ")}]`).join(", ")}]`;

export default defineTests((t, { rng }) => {
  t.test("uniform predictions cost log 3", {
    points: 1,
    input: { logits: [[0, 0, 0]], labels: [2] },
    run: ({ logits, labels }) => meanCrossEntropy(logits, labels),
    // A property of any right answer (equal logits give each of 3 classes probability 1/3), kept as an anchor.
    check: (got, { expect }) => expect.close(got, Math.log(3), { abs: 1e-12, what: "meanCrossEntropy([[0, 0, 0]], [2])" }),
  });

  const small = { logits: [[2, 1, 0], [0.5, 2.5, -1]], labels: [0, 1] };
  t.test("a small batch", {
    points: 2,
    input: small,
    run: ({ logits, labels }) => meanCrossEntropy(logits, labels),
    check: (got, { expect, expected: mean }) => {
      const what = `meanCrossEntropy(${rows(small.logits)}, [0, 1])`;
      expect.that(
        !(typeof got === "number" && Math.abs(got - 2 * mean) < 1e-9),
        `${what} gave ${typeof got === "number" ? got.toFixed(4) : got}, the total over the two examples: divide by the number of examples to get the mean`,
      );
      expect.close(got, mean, { abs: 1e-12, what });
    },
  });

  t.test("confident logits do not overflow", {
    points: 2,
    input: { logits: [[1000, 990, 0]], labels: [0] },
    run: ({ logits, labels }) => meanCrossEntropy(logits, labels),
    check: (got, { expect, expected }) => {
      const what = "meanCrossEntropy([[1000, 990, 0]], [0])";
      expect.that(
        typeof got !== "number" || Number.isFinite(got),
        `${what} gave ${String(got)}: exp(1000) overflows to Infinity. Subtract each row's maximum from its logits before exponentiating`,
      );
      expect.close(got, expected, { rel: 1e-9, what });
    },
  });

  const classes = rng.int(3, 5);
  const logits = Array.from({ length: 4 }, () => rng.array(classes, (r) => Number(r.normal(0, 3).toFixed(2))));
  const labels = logits.map(() => rng.int(0, classes - 1));
  t.test("your own batch", {
    points: 2,
    input: { logits, labels },
    run: ({ logits, labels }) => meanCrossEntropy(logits, labels),
    check: (got, { expect, expected }) => expect.close(got, expected, { rel: 1e-9, what: `meanCrossEntropy(${rows(logits)}, [${labels.join(", ")}])` }),
  });
});
