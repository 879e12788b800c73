// Hidden tests: graded on the server only. This file is read by the grader and never bundled for a page.
import { defineTests } from "@/engine/grading";

type Trial = { eta: number; beta: number; loss: number };
declare function bestTrial(trials: Trial[]): number;

export default defineTests((t, { rng }) => {
  const trials = rng.array(500, (r) => r.next()).map((f) => ({ eta: f, beta: 0.9, loss: f > 0.7 ? NaN : 1 + Math.sin(20 * f) }));
  t.test("five hundred trials", {
    points: 2,
    input: { trials },
    run: ({ trials }) => bestTrial(trials),
    check: (got, { expect, expected }) => expect.equal(got, expected, { what: "bestTrial over 500 trials, some diverged" }),
  });

  t.test("ties go to the first", {
    points: 1,
    input: { trials: [{ eta: 0.1, beta: 0, loss: 0.5 }, { eta: 0.2, beta: 0, loss: 0.3 }, { eta: 0.3, beta: 0, loss: 0.3 }] },
    run: ({ trials }) => bestTrial(trials),
    check: (got, { expect, expected }) => expect.equal(got, expected, { what: "bestTrial with losses [0.5, 0.3, 0.3]" }),
  });

  t.test("no trials", {
    points: 1,
    input: { trials: [] as Trial[] },
    run: ({ trials }) => bestTrial(trials),
    check: (got, { expect, expected }) => expect.equal(got, expected, { what: "bestTrial([])" }),
  });

  t.test("a negative infinity is not a loss either", {
    points: 1,
    input: { trials: [{ eta: 0.1, beta: 0, loss: 0.5 }, { eta: 9, beta: 0, loss: -Infinity }] },
    run: ({ trials }) => bestTrial(trials),
    check: (got, { expect, expected }) => expect.equal(got, expected, { what: "bestTrial with losses [0.5, -Infinity]" }),
  });
});
