// Hidden tests: graded on the server only. This file is read by the grader and never bundled for a page.
import { defineTests } from "@/engine/grading";

declare function logUniform(u: number, low: number, high: number): number;

export default defineTests((t, { rng }) => {
  const us = rng.array(200, (r) => r.next());
  const low = rng.pick([1e-5, 3e-5, 1e-4]);
  const high = rng.pick([0.03, 0.3, 1]);
  t.test("two hundred draws", {
    points: 3,
    input: { us, low, high },
    run: ({ us, low, high }) => us.map((u) => logUniform(u, low, high)),
    check: (got, { expect, expected }) => expect.close(got, expected, { rel: 1e-9, what: `logUniform over 200 draws between ${low} and ${high}` }),
  });

  t.test("a range that does not start at a power of ten", {
    points: 1,
    input: {},
    run: () => [0.25, 0.75].map((u) => logUniform(u, 2, 32)),
    check: (got, { expect, expected }) => expect.close(got, expected, { rel: 1e-9, what: "logUniform at u = 0.25 and 0.75 between 2 and 32" }),
  });
});
