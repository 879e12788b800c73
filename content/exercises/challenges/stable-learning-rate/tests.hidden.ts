// Hidden tests: graded on the server only. This file is read by the grader and never bundled for a page.
import { defineTests } from "@/engine/grading";

declare function largestStableRate(curvatures: number[]): number;

export default defineTests((t, { rng }) => {
  const curvatures = rng.array(50, (r) => 10 ** r.uniform(-2, 3));
  // Run gradient descent just below and just above the learner's limit, from all ones, inside their realm.
  t.test("just below the limit converges, just above it diverges", {
    points: 3,
    input: { curvatures },
    run: ({ curvatures }) => {
      const limit = largestStableRate(curvatures);
      const finalLoss = (eta: number) => {
        let theta = curvatures.map(() => 1);
        for (let step = 0; step < 3000; step++) theta = theta.map((x, i) => (1 - eta * curvatures[i]!) * x);
        return theta.reduce((s, x, i) => s + 0.5 * curvatures[i]! * x * x, 0);
      };
      return { limit, below: finalLoss(0.98 * limit), above: finalLoss(1.02 * limit) };
    },
    check: (got, { expect }) => {
      const start = curvatures.reduce((s, a) => s + 0.5 * a, 0);
      expect.that(typeof got?.limit === "number" && got.limit > 0, `largestStableRate on 50 curvatures should be a positive number, got ${String(got?.limit)}`);
      expect.that(got.below < 1e-3 * start, `gradient descent at 0.98 × your limit (${got.limit.toExponential(3)}) should converge on a 50-dimensional bowl, but its loss went from ${start.toFixed(1)} to ${got.below.toExponential(3)}`);
      expect.that(!(got.above < start), `gradient descent at 1.02 × your limit (${got.limit.toExponential(3)}) still converged: a larger rate should diverge, so your limit is too small`);
    },
  });

  t.test("a bowl with a flat direction", {
    points: 1,
    input: { curvatures: [1e-6, 3] },
    run: ({ curvatures }) => largestStableRate(curvatures),
    check: (got, { expect, expected }) => expect.close(got, expected, { rel: 1e-12, what: "largestStableRate([0.000001, 3])" }),
  });
});
