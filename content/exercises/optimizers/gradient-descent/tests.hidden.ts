// Hidden tests: graded on the server only. This file is read by the grader and never bundled for a page.
import { defineTests } from "@/engine/grading";
import { type Bowl, checkPath } from "./tests.visible";

declare function gradientDescent(grad: (theta: number[]) => number[], theta0: number[], rate: number, steps: number): number[][];

export default defineTests((t, { rng }) => {
  const still: Bowl = { a: [2, 1], c: [0, 0], theta0: [1, 1], rate: 0.1, steps: 0 };
  t.test("zero steps", {
    points: 1,
    input: still,
    run: ({ a, c, theta0, rate, steps }) => gradientDescent((theta) => theta.map((v, k) => 2 * a[k]! * (v - c[k]!)), theta0, rate, steps),
    check: (got, { expect, expected }) => checkPath(expect, got, expected, still, "gradientDescent(grad, [1, 1], 0.1, 0)"),
  });

  const wide: Bowl = {
    a: rng.array(50, (r) => r.uniform(0.1, 2)),
    c: rng.array(50, (r) => r.normal(0, 3)),
    theta0: rng.array(50, () => 0),
    rate: 0.2,
    steps: 1000,
  };
  t.test("a thousand steps in fifty dimensions", {
    points: 3,
    timeLimitMs: 2_000,
    input: wide,
    run: ({ a, c, theta0, rate, steps }) => {
      const path = gradientDescent((theta) => theta.map((v, k) => 2 * a[k]! * (v - c[k]!)), theta0, rate, steps);
      // Only every hundredth point crosses back.
      return Array.isArray(path) && path.length === steps + 1 ? path.filter((_, i) => i % 100 === 0) : path;
    },
    check: (got, { expect, expected, ms }) => {
      expect.close(got, expected, { abs: 1e-9, rel: 1e-9, what: "gradientDescent for 1,000 steps in 50 dimensions (every 100th point)" });
      expect.within(ms, 1_000, { what: "1,000 steps of gradientDescent in 50 dimensions" });
    },
  });

  t.test("a curved valley", {
    points: 2,
    input: { theta0: [-1.2, 1], rate: 0.001, steps: 20 },
    run: ({ theta0, rate, steps }) =>
      // The Rosenbrock function (1 - x)² + 100(y - x²)².
      gradientDescent(([x = 0, y = 0]) => [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)], theta0, rate, steps),
    check: (got, { expect, expected }) => {
      expect.close(got, expected, { abs: 1e-9, rel: 1e-9, what: "gradientDescent on the Rosenbrock function from [-1.2, 1], rate 0.001, 20 steps" });
    },
  });
});
