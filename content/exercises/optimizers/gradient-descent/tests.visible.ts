// Visible tests: shown to learners and run by **Check** in their browser.
import { defineTests, type Expect } from "@/engine/grading";

declare function gradientDescent(grad: (theta: number[]) => number[], theta0: number[], rate: number, steps: number): number[][];

/** A bowl J(θ) = Σ a_k (θ_k - c_k)² for a test to walk down; lossOf checks that a path goes downhill. */
export interface Bowl {
  a: number[];
  c: number[];
  theta0: number[];
  rate: number;
  steps: number;
}
export const lossOf = ({ a, c }: Bowl) => (theta: number[]) => theta.reduce((s, t, k) => s + (a[k] as number) * (t - (c[k] as number)) ** 2, 0);
const short = (v: number) => String(Number(v.toPrecision(4)));
const point = (p: unknown) => (Array.isArray(p) ? `[${p.map((v) => (typeof v === "number" ? short(v) : String(v))).join(", ")}]` : String(p));
const sameRows = (a: unknown, b: number[][]) =>
  Array.isArray(a) && a.length === b.length && a.every((row, i) => Array.isArray(row) && row.length === b[i]?.length && row.every((v, k) => typeof v === "number" && Math.abs(v - (b[i]?.[k] as number)) <= 1e-9 * Math.max(1, Math.abs(b[i]?.[k] as number))));

/**
 * The learner's path against the reference solution's (`want`), naming the usual mistakes first. Each
 * mistake's path is derived from `want`: its first step is θ0 - η∇J(θ0), so η∇J(θ0) = θ0 - want[1].
 */
export function checkPath(expect: Expect, got: unknown, want: number[][], bowl: Bowl, what: string, beforeComparing?: (path: unknown[]) => void) {
  const n = bowl.steps + 1;
  expect.that(Array.isArray(got), `${what} should return the path, an array of ${n} points, got ${String(got)}`);
  const path = got as unknown[];
  expect.that(
    !(path.length === bowl.steps && sameRows(path, want.slice(1))),
    `${what} returned ${path.length === 0 ? "no points" : `${path.length} point${path.length === 1 ? "" : "s"}, θ1 to θ${bowl.steps}`}: the path starts with theta0 itself, so it has steps + 1 = ${n} point${n === 1 ? "" : "s"}`,
  );
  if (bowl.steps >= 1 && path.length === n && path.every((row) => JSON.stringify(row) === JSON.stringify(path[0])) && !sameRows(path, want)) {
    expect.that(false, `${what}: every row of the path is the same point ${point(path[0])}. You changed one array in place and pushed it at each step; push a copy ([...theta]) or make a new array with map.`);
  }
  const firstStep = bowl.theta0.map((v, k) => v - (want[1]?.[k] as number));
  const climbed = bowl.theta0.map((v, k) => v + (firstStep[k] as number));
  // With the gradient frozen at θ0, every step repeats the first one.
  const frozen = want.map((_, t) => bowl.theta0.map((v, k) => v - t * (firstStep[k] as number)));
  expect.that(
    path.length < 2 || !sameRows([path[1]], [climbed]),
    `${what}: the first step went to ${point(path[1])}, which is θ0 + η∇J(θ0) and climbs the slope. Gradient descent moves against the gradient: subtract η∇J(θ0) to get ${point(want[1])}.`,
  );
  expect.that(
    bowl.steps < 2 || !sameRows(path, frozen),
    `${what}: from the second step on, your path moves by the same amount every step. Call grad at the current point, not at theta0: the slope changes as you walk.`,
  );
  beforeComparing?.(path);
  expect.close(got, want, { abs: 1e-9, rel: 1e-9, what });
}

const call = (b: Bowl, grad: string) => `gradientDescent(${grad}, ${point(b.theta0)}, ${b.rate}, ${b.steps})`;

export default defineTests((t, { rng }) => {
  const parabola: Bowl = { a: [1], c: [3], theta0: [0], rate: 0.2, steps: 1 };
  t.test("one step on a parabola", {
    points: 2,
    input: parabola,
    run: ({ a, c, theta0, rate, steps }) => gradientDescent((theta) => theta.map((v, k) => 2 * a[k]! * (v - c[k]!)), theta0, rate, steps),
    check: (got, { expect, expected }) => checkPath(expect, got, expected, parabola, call(parabola, "(t) => [2 * (t[0] - 3)]")),
  });

  const ten: Bowl = { ...parabola, steps: 10 };
  t.test("ten steps, every one recorded", {
    points: 2,
    input: ten,
    run: ({ a, c, theta0, rate, steps }) => gradientDescent((theta) => theta.map((v, k) => 2 * a[k]! * (v - c[k]!)), theta0, rate, steps),
    check: (got, { expect, expected }) => checkPath(expect, got, expected, ten, call(ten, "(t) => [2 * (t[0] - 3)]")),
  });

  const valley: Bowl = { a: [1, 10], c: [1, -2], theta0: [-2, 2], rate: 0.04, steps: 30 };
  t.test("walks downhill in a narrow valley", {
    points: 2,
    input: valley,
    run: ({ a, c, theta0, rate, steps }) => gradientDescent((theta) => theta.map((v, k) => 2 * a[k]! * (v - c[k]!)), theta0, rate, steps),
    check: (got, { expect, expected }) => {
      checkPath(expect, got, expected, valley, call(valley, "∇ of (θ₀ - 1)² + 10(θ₁ + 2)²"), (path) => {
        if (path.every((p) => Array.isArray(p) && p.length === 2)) {
          expect.decreases(path.map((p) => lossOf(valley)(p as number[])), { monotonic: true, what: "J along your path" });
        }
      });
    },
  });

  t.test("leaves theta0 as it was", {
    points: 1,
    input: { theta0: [4, -1] },
    run: (input) => {
      gradientDescent((theta) => theta.map((v) => 2 * v), input.theta0, 0.1, 5);
      return null;
    },
    check: (_got, { expect, input, inputAfter }) => expect.unchanged(inputAfter.theta0, input.theta0, { what: "gradientDescent" }),
  });

  const own: Bowl = {
    a: rng.array(3, (r) => Number(r.uniform(0.5, 3).toFixed(1))),
    c: rng.array(3, (r) => r.int(-5, 5)),
    theta0: rng.array(3, (r) => r.int(-5, 5)),
    rate: rng.pick([0.05, 0.1]),
    steps: rng.int(8, 15),
  };
  t.test("your own bowl", {
    points: 2,
    input: own,
    run: ({ a, c, theta0, rate, steps }) => gradientDescent((theta) => theta.map((v, k) => 2 * a[k]! * (v - c[k]!)), theta0, rate, steps),
    check: (got, { expect, expected }) => checkPath(expect, got, expected, own, call(own, `∇ of Σ a_k(θ_k - c_k)² with a = ${point(own.a)}, c = ${point(own.c)}`)),
  });
});
