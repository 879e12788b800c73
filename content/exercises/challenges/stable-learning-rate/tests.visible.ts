// Visible tests: shown to learners and run by **Check** in their browser.
import { defineTests } from "@/engine/grading";

declare function largestStableRate(curvatures: number[]): number;

export default defineTests((t, { rng }) => {
  t.test("a single direction", {
    points: 1,
    input: { curvatures: [4] },
    run: ({ curvatures }) => largestStableRate(curvatures),
    check: (got, { expect, expected }) => expect.close(got, expected, { rel: 1e-12, what: "largestStableRate([4])" }),
  });

  t.test("a narrow valley", {
    points: 3,
    input: { curvatures: [1, 25] },
    run: ({ curvatures }) => largestStableRate(curvatures),
    check: (got, { expect, expected }) => {
      const what = "largestStableRate([1, 25])";
      expect.that(
        !(typeof got === "number" && Math.abs(got - 2) < 1e-9),
        `${what} gave 2, the limit for the flat direction (a = 1): with eta = 2 the steep direction multiplies its error by 1 - 2·25 = -49 every step. The sharpest direction sets the limit`,
      );
      expect.that(
        !(typeof got === "number" && Math.abs(got - 0.04) < 1e-9),
        `${what} gave 0.04 = 1 / a: that rate lands on the minimum in one step, but rates up to twice that still converge (they oscillate). The limit is where |1 - eta a| reaches 1`,
      );
      expect.close(got, expected, { rel: 1e-12, what });
    },
  });

  t.test("leaves the curvatures as they were", {
    points: 1,
    input: { curvatures: [2, 50, 0.5, 8] },
    run: (input) => {
      largestStableRate(input.curvatures);
      return null;
    },
    check: (_got, { expect, input, inputAfter }) => expect.unchanged(inputAfter, input, { what: "largestStableRate" }),
  });

  const curvatures = rng.array(rng.int(3, 6), (r) => Number((10 ** r.uniform(-1, 2)).toFixed(2)));
  t.test("your own bowl", {
    points: 2,
    input: { curvatures },
    run: ({ curvatures }) => largestStableRate(curvatures),
    check: (got, { expect, expected }) => expect.close(got, expected, { rel: 1e-9, what: `largestStableRate([${curvatures.join(", ")}])` }),
  });
});
