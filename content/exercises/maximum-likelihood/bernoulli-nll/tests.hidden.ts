// Hidden tests: graded on the server only. This file is read by the grader and never bundled for a page.
import { defineTests } from "@/engine/grading";

declare function bernoulliNll(flips: number[], p: number): number;

export default defineTests((t, { rng }) => {
  const m = 40;
  const flips = rng.array(m, (r) => (r.next() < 0.3 ? 1 : 0));
  const p = Number(rng.uniform(0.05, 0.95).toFixed(3));
  t.test("forty flips of a biased coin", {
    points: 3,
    input: { flips, p },
    run: ({ flips, p }) => bernoulliNll(flips, p),
    check: (got, { expect, expected }) => expect.close(got, expected, { rel: 1e-9, what: "bernoulliNll on forty flips" }),
  });

  t.test("a rare event", {
    points: 1,
    input: { flips: [1, 0, 0, 0], p: 1e-6 },
    run: ({ flips, p }) => bernoulliNll(flips, p),
    check: (got, { expect, expected }) => expect.close(got, expected, { rel: 1e-9, what: "bernoulliNll([1, 0, 0, 0], 0.000001)" }),
  });

  const many = Array.from({ length: 100_000 }, (_, i) => (i % 3 === 0 ? 1 : 0));
  t.test("a hundred thousand flips, quickly", {
    points: 2,
    timeLimitMs: 2_000,
    input: { flips: many, p: 0.25 },
    run: ({ flips, p }) => bernoulliNll(flips, p),
    check: (got, { expect, expected, ms }) => {
      expect.close(got, expected, { rel: 1e-9, what: "bernoulliNll on 100,000 flips" });
      expect.within(ms, 500, { what: "bernoulliNll on 100,000 flips" });
    },
  });
});
