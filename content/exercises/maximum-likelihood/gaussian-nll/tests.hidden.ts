// Hidden tests: graded on the server only. This file is read by the grader and never bundled for a page.
import { defineTests } from "@/engine/grading";

declare function gaussianNll(ys: number[], preds: number[], sigma: number): number;

export default defineTests((t, { rng }) => {
  const m = 200;
  const ys = rng.array(m, (r) => r.normal(0, 3));
  const preds = ys.map((y) => y + rng.normal(0, 1));
  const sigma = Number(rng.uniform(0.5, 3).toFixed(3));
  t.test("two hundred examples", {
    points: 3,
    input: { ys, preds, sigma },
    run: (input) => gaussianNll(input.ys, input.preds, input.sigma),
    check: (got, { expect, expected }) => expect.close(got, expected, { rel: 1e-9, what: `gaussianNll on 200 examples with σ = ${sigma}` }),
  });

  t.test("a very wide Gaussian", {
    points: 1,
    input: { ys: [1, -1], preds: [0, 0], sigma: 1000 },
    run: ({ ys, preds, sigma }) => gaussianNll(ys, preds, sigma),
    check: (got, { expect, expected }) => expect.close(got, expected, { rel: 1e-9, what: "gaussianNll([1, -1], [0, 0], 1000)" }),
  });

  t.test("its minimum over a constant prediction is at the mean", {
    points: 2,
    input: { ys: [2, 3.5, 1, 4.5, 3, 9] },
    run: ({ ys }) => {
      // The learner's NLL at a grid of constants; the best one should be the mean, 3.83.
      const grid = Array.from({ length: 1001 }, (_, i) => i / 100);
      let best = grid[0] as number;
      let bestNll = Infinity;
      for (const c of grid) {
        const nll = gaussianNll(ys, ys.map(() => c), 1.3);
        if (nll < bestNll) [best, bestNll] = [c, nll];
      }
      return best;
    },
    check: (got, { expect }) => expect.close(got, 3.83, { abs: 1e-9, what: "the constant with the lowest gaussianNll on [2, 3.5, 1, 4.5, 3, 9] (searched in steps of 0.01)" }),
  });

  t.test("leaves ys and preds as they were", {
    points: 1,
    input: { ys: [3, 1, 2], preds: [2, 2, 2], sigma: 1 },
    run: (input) => {
      gaussianNll(input.ys, input.preds, input.sigma);
      return null;
    },
    check: (_got, { expect, input, inputAfter }) => expect.unchanged(inputAfter, input, { what: "gaussianNll" }),
  });
});
