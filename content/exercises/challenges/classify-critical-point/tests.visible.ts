// Visible tests: shown to learners and run by **Check** in their browser. They hold no answers: each check
// compares with `expected`, what the reference solution returned for the same call.
import { defineTests, type Expect } from "@/engine/grading";

declare const tf: typeof import("@tensorflow/tfjs-core");
type Tensor1D = import("@tensorflow/tfjs-core").Tensor1D;
type Scalar = import("@tensorflow/tfjs-core").Scalar;
type CriticalPointKind = "minimum" | "maximum" | "saddle" | "degenerate";
declare function classifyCriticalPoint(
  f: (p: Tensor1D) => Scalar,
  point: number[],
): { hessian: unknown; eigenvalues: unknown; kind: CriticalPointKind };

type Answer = { hessian?: unknown; eigenvalues?: unknown; kind?: unknown } | undefined;
type TensorData = { $tensor: number[]; values: unknown };

const isTensor = (v: unknown): v is TensorData => typeof v === "object" && v !== null && Array.isArray((v as TensorData).$tensor);
const numbers = (v: unknown): number[] => (isTensor(v) ? [v.values].flat(2).filter((x): x is number => typeof x === "number") : []);
const short = (v: number) => String(Number(v.toPrecision(3)));

/** Hessian first, then the eigenvalues (with the usual slips named), then the verdict. */
export function checkCriticalPoint(expect: Expect, got: Answer, expected: Answer, what: string) {
  expect.tensor(got?.hessian, expected?.hessian, { abs: 1e-3, what: `the Hessian (for ${what})` });
  const eig = numbers(got?.eigenvalues);
  const want = numbers(expected?.eigenvalues);
  const [a, b, , d] = numbers(expected?.hessian);
  if (eig.length === 2 && want.length === 2 && a !== undefined && b !== undefined && d !== undefined) {
    expect.that(
      !(eig[0]! > eig[1]! + 1e-6),
      `the eigenvalues for ${what} came out as [${eig.map(short).join(", ")}]: return them from smallest to largest`,
    );
    const diagonal = [Math.min(a, d), Math.max(a, d)];
    expect.that(
      !(Math.abs(b) > 1e-3 && Math.abs(eig[0]! - diagonal[0]!) < 1e-3 && Math.abs(eig[1]! - diagonal[1]!) < 1e-3),
      `for ${what} you gave the diagonal of the Hessian [[${[a, b].map(short).join(", ")}], [${[b, d].map(short).join(", ")}]] as its eigenvalues; ` +
        `with ${short(b)} off the diagonal they are ${want.map(short).join(" and ")}. Use the eigenvalues, not its diagonal`,
    );
  }
  expect.tensor(got?.eigenvalues, expected?.eigenvalues, { abs: 1e-3, what: `the eigenvalues (for ${what})` });
  expect.that(
    !(expected?.kind === "maximum" && got?.kind === "saddle"),
    `${what} is not a saddle: every eigenvalue is negative (${want.map(short).join(", ")}), so the loss goes down in every direction: a maximum. A saddle needs eigenvalues of both signs`,
  );
  expect.equal(got?.kind, expected?.kind, { what: `the kind of critical point for ${what}` });
}

export default defineTests((t) => {
  const lesson = "the lesson's J = x²/2 + y⁴/4 − y²/2";
  t.test("the lesson's saddle", {
    points: 3,
    input: { point: [0, 0] },
    run: ({ point }) => {
      const f = (p: Tensor1D) => p.square().mul(tf.tensor1d([0.5, -0.5])).add(p.pow(4).mul(tf.tensor1d([0, 0.25]))).sum() as Scalar;
      return classifyCriticalPoint(f, point);
    },
    check: (got, { expect, expected }) => checkCriticalPoint(expect, got, expected, `${lesson} at (0, 0)`),
  });

  t.test("a minimum of the lesson's landscape", {
    points: 2,
    input: { point: [0, 1] },
    run: ({ point }) => {
      const f = (p: Tensor1D) => p.square().mul(tf.tensor1d([0.5, -0.5])).add(p.pow(4).mul(tf.tensor1d([0, 0.25]))).sum() as Scalar;
      return classifyCriticalPoint(f, point);
    },
    check: (got, { expect, expected }) => checkCriticalPoint(expect, got, expected, `${lesson} at (0, 1)`),
  });

  t.test("curvature off the diagonal", {
    points: 2,
    input: { point: [0, 0] },
    run: ({ point }) => {
      // x² + y² + 3xy: both pure curvatures are positive, yet along x = -y the loss goes down.
      const f = (p: Tensor1D) => {
        const [x, y] = tf.unstack(p);
        return x!.square().add(y!.square()).add(x!.mul(y!).mul(3)) as Scalar;
      };
      return classifyCriticalPoint(f, point);
    },
    check: (got, { expect, expected }) => checkCriticalPoint(expect, got, expected, "x² + y² + 3xy at (0, 0)"),
  });

  t.test("a maximum", {
    points: 1,
    input: { point: [0, 0] },
    run: ({ point }) => {
      const f = (p: Tensor1D) => {
        const [x, y] = tf.unstack(p);
        return x!.mul(y!).sub(x!.square()).sub(y!.square().mul(2)) as Scalar;
      };
      return classifyCriticalPoint(f, point);
    },
    check: (got, { expect, expected }) => checkCriticalPoint(expect, got, expected, "xy − x² − 2y² at (0, 0)"),
  });

  t.test("leaves no tensors behind", {
    points: 1,
    input: { point: [0, -1] },
    run: ({ point }) => {
      const f = (p: Tensor1D) => p.square().mul(tf.tensor1d([0.5, -0.5])).add(p.pow(4).mul(tf.tensor1d([0, 0.25]))).sum() as Scalar;
      const before = tf.memory().numTensors;
      classifyCriticalPoint(f, point);
      // The two tensors it returns are the only ones that may stay.
      return { leaked: tf.memory().numTensors - before - 2 };
    },
    check: (got, { expect }) => expect.noLeaks(got?.leaked, { what: "classifyCriticalPoint" }),
  });
});
