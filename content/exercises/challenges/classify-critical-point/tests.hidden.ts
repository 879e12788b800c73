// Hidden tests: graded on the server only. This file is read by the grader and never bundled for a page.
import { defineTests } from "@/engine/grading";
import { checkCriticalPoint } from "./tests.visible";

declare const tf: typeof import("@tensorflow/tfjs-core");
type Tensor1D = import("@tensorflow/tfjs-core").Tensor1D;
type Scalar = import("@tensorflow/tfjs-core").Scalar;
type CriticalPointKind = "minimum" | "maximum" | "saddle" | "degenerate";
declare function classifyCriticalPoint(f: (p: Tensor1D) => Scalar, point: number[]): { hessian: unknown; eigenvalues: unknown; kind: CriticalPointKind };

export default defineTests((t, { rng }) => {
  t.test("a degenerate point", {
    points: 1,
    input: { point: [0, 0] },
    run: ({ point }) => {
      // x⁴ + y²: a minimum, but the second derivative in x is 0, so the Hessian cannot tell.
      const f = (p: Tensor1D) => p.pow(4).mul(tf.tensor1d([1, 0])).add(p.square().mul(tf.tensor1d([0, 1]))).sum() as Scalar;
      return classifyCriticalPoint(f, point);
    },
    check: (got, { expect, expected }) => checkCriticalPoint(expect, got, expected, "x⁴ + y² at (0, 0)"),
  });

  t.test("a saddle with a zero diagonal", {
    points: 1,
    input: { point: [0, 0] },
    run: ({ point }) => {
      const f = (p: Tensor1D) => {
        const [x, y] = tf.unstack(p.sin());
        return x!.mul(y!) as Scalar;
      };
      return classifyCriticalPoint(f, point);
    },
    check: (got, { expect, expected }) => checkCriticalPoint(expect, got, expected, "sin(x) sin(y) at (0, 0)"),
  });

  // The learner's own landscape: a quadratic bowl, ridge or dome around their point, plus a cubic term
  // whose curvature vanishes there. Eigenvalues are kept away from 0 so the kind is never borderline.
  let a = 0, b = 0, c = 0;
  do {
    [a, b, c] = [rng.uniform(-2, 2), rng.uniform(-2, 2), rng.uniform(-2, 2)].map((v) => Number(v.toFixed(2))) as [number, number, number];
  } while (Math.min(...[-1, 1].map((s) => Math.abs(a + c + s * Math.sqrt((a - c) ** 2 + b * b)))) < 0.2);
  const point = [Number(rng.uniform(-2, 2).toFixed(1)), Number(rng.uniform(-2, 2).toFixed(1))];
  const signed = (k: number, term: string) => `${k < 0 ? "−" : "+"} ${Math.abs(k)}${term}`;
  const shift = (name: string, v: number) => (v < 0 ? `${name} + ${-v}` : `${name} − ${v}`);
  const landscape = `${a}u² ${signed(b, "uv")} ${signed(c, "v²")} + u³ with u = ${shift("x", point[0]!)}, v = ${shift("y", point[1]!)}`;
  t.test("your own landscape", {
    points: 2,
    input: { a, b, c, point },
    run: ({ a, b, c, point }) => {
      const f = (p: Tensor1D) => {
        const [u, v] = tf.unstack(p.sub(tf.tensor1d(point)));
        return u!.square().mul(a).add(u!.mul(v!).mul(b)).add(v!.square().mul(c)).add(u!.pow(3)) as Scalar;
      };
      return classifyCriticalPoint(f, point);
    },
    check: (got, { expect, expected }) => checkCriticalPoint(expect, got, expected, `${landscape}, at (${point.join(", ")})`),
  });
});
