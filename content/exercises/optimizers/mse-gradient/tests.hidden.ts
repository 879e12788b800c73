// Hidden tests: graded on the server only. This file is read by the grader and never bundled for a page.
import { defineTests } from "@/engine/grading";
import { checkGradient } from "./tests.visible";

declare function mseGradient(w: number, b: number, xs: number[], ys: number[]): [number, number];

export default defineTests((t, { rng }) => {
  t.test("zero at the best line", {
    points: 2,
    input: { w: 2, b: 1, xs: [0, 1, 2, 3], ys: [1, 3, 5, 7] },
    run: ({ w, b, xs, ys }) => mseGradient(w, b, xs, ys),
    check: (got, { expect, expected }) => expect.close(got, expected, { abs: 1e-12, what: "mseGradient(2, 1, [0, 1, 2, 3], [1, 3, 5, 7]) (the data lie on the line, so the gradient is zero)" }),
  });

  const m = 100;
  const xs = rng.array(m, (r) => r.uniform(-3, 3));
  const ys = xs.map((x) => -0.7 * x + 2 + rng.normal(0, 0.5));
  const w = rng.uniform(-2, 2);
  const b = rng.uniform(-2, 2);
  t.test("a hundred examples, against a finite difference", {
    points: 3,
    input: { w, b, xs, ys },
    run: (input) => mseGradient(input.w, input.b, input.xs, input.ys),
    check: (got, { expect, expected }) => checkGradient(expect, got, expected, w, b, xs, ys, "mseGradient on 100 examples"),
  });

  // The data are made inside the learner's realm, so that only the two numbers cross back.
  const n = 100_000;
  const manyXs = Array.from({ length: n }, (_, i) => (i % 1000) / 500 - 1);
  const manyYs = manyXs.map((x) => 3 * x + (x > 0 ? 0.5 : 0));
  t.test("a hundred thousand examples, quickly", {
    points: 1,
    timeLimitMs: 2_000,
    input: { n },
    run: ({ n }) => {
      const xs = Array.from({ length: n }, (_, i) => (i % 1000) / 500 - 1);
      const ys = xs.map((x) => 3 * x + (x > 0 ? 0.5 : 0));
      return mseGradient(1, 1, xs, ys);
    },
    check: (got, { expect, expected, ms }) => {
      checkGradient(expect, got, expected, 1, 1, manyXs, manyYs, "mseGradient on 100,000 examples");
      expect.within(ms, 800, { what: "mseGradient on 100,000 examples" });
    },
  });
});
