// Visible tests: shown to learners and run by **Check** in their browser.
import { defineTests } from "@/engine/grading";

declare function crossEntropyGrad(logits: number[][], labels: number[]): number[][];

const rows = (logits: number[][]) => `[${logits.map((z) => `[${z.join(", ")}]`).join(", ")}]`;

export default defineTests((t, { rng }) => {
  t.test("one example", {
    points: 2,
    input: { logits: [[0, 0, 0, 0]], labels: [1] },
    run: ({ logits, labels }) => crossEntropyGrad(logits, labels),
    check: (got, { expect, expected }) => {
      const what = "crossEntropyGrad([[0, 0, 0, 0]], [1])";
      const trueClass = Array.isArray(got) && Array.isArray(got[0]) ? got[0][1] : undefined;
      expect.that(
        !(typeof trueClass === "number" && trueClass > 0),
        `${what} gave ${trueClass} for the true class: the sign is flipped. The gradient points uphill, so the true class's entry is negative (0.25 - 1): gradient descent then raises that logit`,
      );
      expect.close(got, expected, { abs: 1e-12, what });
    },
  });

  const pair = { logits: [[1, 2, 3], [0, -1, 4]], labels: [2, 0] };
  t.test("a batch of two", {
    points: 2,
    input: pair,
    run: ({ logits, labels }) => crossEntropyGrad(logits, labels),
    check: (got, { expect, expected: want }) => {
      const what = `crossEntropyGrad(${rows(pair.logits)}, [2, 0])`;
      const first = Array.isArray(got) && Array.isArray(got[0]) ? got[0][0] : undefined;
      expect.that(
        !(typeof first === "number" && Math.abs(first - 2 * want[0]![0]!) < 1e-9),
        `${what} gave ${typeof first === "number" ? first.toFixed(4) : first} at [0, 0], twice the right value: the loss is a mean, so divide every row by m = 2`,
      );
      expect.close(got, want, { abs: 1e-12, what });
    },
  });

  t.test("large logits", {
    points: 2,
    input: { logits: [[1000, 999, 0]], labels: [1] },
    run: ({ logits, labels }) => crossEntropyGrad(logits, labels),
    check: (got, { expect, expected }) => {
      const what = "crossEntropyGrad([[1000, 999, 0]], [1])";
      const row = Array.isArray(got) && Array.isArray(got[0]) ? got[0] : [];
      expect.that(
        row.every((v) => typeof v !== "number" || Number.isFinite(v)),
        `${what} gave [${row.join(", ")}]: exp(1000) is Infinity, and Infinity / Infinity is NaN. Subtract the row's maximum from the logits before exponentiating`,
      );
      expect.close(got, expected, { abs: 1e-12, what });
    },
  });

  const classes = rng.int(3, 5);
  const logits = Array.from({ length: rng.int(2, 4) }, () => rng.array(classes, (r) => Number(r.normal(0, 2).toFixed(2))));
  const labels = logits.map(() => rng.int(0, classes - 1));
  t.test("your own batch", {
    points: 2,
    input: { logits, labels },
    run: ({ logits, labels }) => crossEntropyGrad(logits, labels),
    check: (got, { expect, expected }) => expect.close(got, expected, { abs: 1e-12, what: `crossEntropyGrad(${rows(logits)}, [${labels.join(", ")}])` }),
  });
});
