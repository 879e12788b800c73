// Visible tests: shown to learners and run by **Check** in their browser.
import { defineTests } from "@/engine/grading";

type Trial = { eta: number; beta: number; loss: number };
declare function bestTrial(trials: Trial[]): number;

export default defineTests((t, { rng }) => {
  t.test("all runs converged", {
    points: 1,
    input: { trials: [{ eta: 0.001, beta: 0.9, loss: 0.8 }, { eta: 0.01, beta: 0.9, loss: 0.05 }, { eta: 0.003, beta: 0.5, loss: 0.3 }] },
    run: ({ trials }) => bestTrial(trials),
    check: (got, { expect, expected }) => expect.equal(got, expected, { what: "bestTrial with losses [0.8, 0.05, 0.3]" }),
  });

  t.test("a diverged first trial", {
    points: 3,
    input: { trials: [{ eta: 1, beta: 0.9, loss: NaN }, { eta: 0.01, beta: 0.9, loss: 0.2 }, { eta: 0.003, beta: 0.9, loss: 0.1 }, { eta: 0.3, beta: 0, loss: Infinity }] },
    run: ({ trials }) => bestTrial(trials),
    check: (got, { expect, expected }) => {
      expect.that(
        got !== 0 && got !== -1,
        got === -1
          ? "bestTrial with losses [NaN, 0.2, 0.1, Infinity] gave -1, as if every run had diverged: Math.min of a list holding NaN is NaN. Skip the losses that are not finite (Number.isFinite) before comparing"
          : `bestTrial with losses [NaN, 0.2, 0.1, Infinity] gave ${String(got)}: comparisons with NaN are always false, so a NaN loss must be skipped explicitly (Number.isFinite), never kept as the best`,
      );
      expect.equal(got, expected, { what: "bestTrial with losses [NaN, 0.2, 0.1, Infinity]" });
    },
  });

  t.test("every run diverged", {
    points: 1,
    input: { trials: [{ eta: 2, beta: 0.9, loss: Infinity }, { eta: 5, beta: 0.9, loss: NaN }] },
    run: ({ trials }) => bestTrial(trials),
    check: (got, { expect, expected }) => expect.equal(got, expected, { what: "bestTrial with losses [Infinity, NaN]" }),
  });

  t.test("leaves the trials as they were", {
    points: 1,
    input: { trials: [{ eta: 0.1, beta: 0.9, loss: 0.4 }, { eta: 0.3, beta: 0.9, loss: NaN }, { eta: 0.01, beta: 0.9, loss: 0.2 }] },
    run: (input) => {
      bestTrial(input.trials);
      return null;
    },
    check: (_got, { expect, input, inputAfter }) => expect.unchanged(inputAfter, input, { what: "bestTrial" }),
  });

  const trials = rng.array(8, (r) => r.next()).map((f, i) => ({
    eta: Number((10 ** (-3 + 3 * f)).toPrecision(2)),
    beta: 0.9,
    loss: f > 0.8 ? (i % 2 ? NaN : Infinity) : Number((0.05 + (f - 0.3) ** 2).toFixed(4)),
  }));
  t.test("your own search", {
    points: 2,
    input: { trials },
    run: ({ trials }) => bestTrial(trials),
    check: (got, { expect, expected }) => expect.equal(got, expected, { what: `bestTrial with losses [${trials.map((t) => t.loss).join(", ")}]` }),
  });
});
