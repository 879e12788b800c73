// Hidden tests: graded on the server only. This file is read by the grader and never bundled for a page.
import { defineTests } from "@/engine/grading";
import { closeDigits } from "./tests.visible";

declare function numericGradient(f: (x: number[]) => number, x: number[], h?: number): number[];

export default defineTests((t, { rng }) => {
  // The softplus cross-entropy of a logistic model, gradient (σ(w·x) - y) x.
  const xs = rng.array(4, (r) => Number(r.normal(0, 1).toFixed(3)));
  const w = rng.array(4, (r) => Number(r.normal(0, 1).toFixed(3)));
  const y = rng.pick([0, 1]);
  const z = w.reduce((s, wi, i) => s + wi * xs[i]!, 0);
  const sigma = 1 / (1 + Math.exp(-z));
  t.test("the gradient of a logistic loss", {
    points: 3,
    input: { xs, w, y },
    run: ({ xs, w, y }) =>
      numericGradient((v) => {
        const zz = v.reduce((s, vi, i) => s + vi * xs[i]!, 0);
        return Math.log(1 + Math.exp(zz)) - y * zz;
      }, w),
    check: (got, { expect }) =>
      closeDigits(expect, got, xs.map((xi) => (sigma - y) * xi), "numericGradient of a logistic loss at the default h", 1e-7),
  });

  t.test("uses the default h", {
    points: 1,
    input: {},
    run: () => numericGradient((v) => Math.exp(v[0]!), [0]),
    check: (got, { expect }) => closeDigits(expect, got, [1], "numericGradient(v => exp(v[0]), [0]) with no h given", 1e-8),
  });

  t.test("a hundred coordinates", {
    points: 1,
    input: {},
    run: () => numericGradient((v) => v.reduce((s, a, i) => s + (i + 1) * a * a, 0), Array.from({ length: 100 }, () => 1)),
    check: (got, { expect }) =>
      closeDigits(expect, got, Array.from({ length: 100 }, (_, i) => 2 * (i + 1)), "numericGradient of Σ (i + 1) v_i² at all ones", 1e-6),
  });
});
