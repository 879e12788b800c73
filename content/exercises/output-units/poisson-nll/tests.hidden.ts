// Hidden tests: graded on the server only. This file is read by the grader and never bundled for a page.
import { defineTests } from "@/engine/grading";
import { checkNll } from "./tests.visible";

declare function meanPoissonNll(logRates: number[], counts: number[]): number;

export default defineTests((t, { rng }) => {
  t.test("zero counts at a tiny rate", {
    points: 1,
    input: { logRates: [-50, -3], counts: [0, 0] },
    run: ({ logRates, counts }) => meanPoissonNll(logRates, counts),
    check: (got, { expect, expected }) => checkNll(expect, got, expected, [-50, -3], [0, 0]),
  });

  const m = 300;
  const logRates = rng.array(m, (r) => r.uniform(-2, 6));
  const counts = logRates.map((z) => Math.max(0, Math.round(Math.exp(z) + rng.normal(0, Math.sqrt(Math.exp(z))))));
  t.test("three hundred counts, some of them in the hundreds", {
    points: 3,
    input: { logRates, counts },
    run: (input) => meanPoissonNll(input.logRates, input.counts),
    check: (got, { expect, expected }) => expect.close(got, expected, { rel: 1e-9, what: "meanPoissonNll on 300 counts" }),
  });

  t.test("leaves the rates and counts as they were", {
    points: 1,
    input: { logRates: [1, 2], counts: [3, 4] },
    run: (input) => {
      meanPoissonNll(input.logRates, input.counts);
      return null;
    },
    check: (_got, { expect, input, inputAfter }) => expect.unchanged(inputAfter, input, { what: "meanPoissonNll" }),
  });
});
