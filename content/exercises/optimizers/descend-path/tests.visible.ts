// Visible tests: shown to learners and run by **Check** in their browser. They hold no answers: each check
// compares with `expected`, what the reference solution returned for the same call.
import { defineTests, type Expect } from "@/engine/grading";

declare const tf: typeof import("@tensorflow/tfjs-core");
type Tensor1D = import("@tensorflow/tfjs-core").Tensor1D;
declare function descendPath(xs: Tensor1D, ys: Tensor1D, start: [number, number], rate: number, steps: number): unknown;

export interface PathCase {
  xs: number[];
  ys: number[];
  start: [number, number];
  rate: number;
  steps: number;
}
type TensorData = { $tensor: number[]; values: unknown };
const rowsOf = (v: unknown): number[][] =>
  typeof v === "object" && v !== null && Array.isArray((v as TensorData).$tensor) && Array.isArray((v as TensorData).values) ? ((v as TensorData).values as number[][]) : [];
const close = (a: number | undefined, b: number | undefined, tol: number) => typeof a === "number" && typeof b === "number" && Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
const short = (v: number) => String(Number(Number(v).toPrecision(4)));

/** The path, with the usual slips named from its first rows: no start row, steps m times too long, b moved from the new w. */
export function checkPath(expect: Expect, got: unknown, expected: unknown, c: { m: number; start: number[]; steps: number }, what: string) {
  const rows = rowsOf(got);
  const want = rowsOf(expected);
  const m = c.m;
  if (rows.length > 0 && want.length > 1) {
    const [w0, b0] = want[0]!;
    const [w1, b1] = want[1]!;
    expect.that(
      !(rows.length === c.steps && close(rows[0]![0], w1, 1e-4) && close(rows[0]![1], b1, 1e-4)),
      `${what} has ${rows.length} rows, starting with the point after the first step: put the starting point [${c.start.join(", ")}] in row 0, for ${c.steps + 1} rows in all`,
    );
    const [gw1, gb1] = rows[1] ?? [];
    expect.that(
      !(m > 1 && rows.length > 1 && close(gw1! - w0!, m * (w1! - w0!), 1e-3) && close(gb1! - b0!, m * (b1! - b0!), 1e-3)),
      `the first step of ${what} moves (w, b) by [${short(gw1! - w0!)}, ${short(gb1! - b0!)}], ${m} times too far: J is the mean of the squared errors over the ${m} points, not their sum`,
    );
    expect.that(
      !(rows.length > 1 && close(gw1, w1, 1e-4) && !close(gb1, b1, 1e-4)),
      `after the first step of ${what}, w is right but b is ${short(gb1!)} instead of ${short(b1!)}: take both partial derivatives at the same (w, b), before moving either (tf.grads gives both at once)`,
    );
  }
  expect.tensor(got, expected, { abs: 1e-4, rel: 1e-4, what });
}

export default defineTests((t, { rng }) => {
  const four: PathCase = { xs: [0, 1, 2, 3], ys: [1, 3, 5, 7], start: [0, 0], rate: 0.1, steps: 3 };
  t.test("three steps on four points", {
    points: 3,
    input: four,
    run: ({ xs, ys, start, rate, steps }) => descendPath(tf.tensor1d(xs), tf.tensor1d(ys), start, rate, steps),
    check: (got, { expect, expected }) => checkPath(expect, got, expected, { m: four.xs.length, start: four.start, steps: four.steps }, "descendPath(tf.tensor1d([0, 1, 2, 3]), tf.tensor1d([1, 3, 5, 7]), [0, 0], 0.1, 3)"),
  });

  const steep: PathCase = { xs: [-1, 2, 4, 5], ys: [0, 1, 5, 3], start: [2, -3], rate: 0.02, steps: 5 };
  t.test("both parameters step from the same point", {
    points: 2,
    input: steep,
    run: ({ xs, ys, start, rate, steps }) => descendPath(tf.tensor1d(xs), tf.tensor1d(ys), start, rate, steps),
    check: (got, { expect, expected }) => checkPath(expect, got, expected, { m: steep.xs.length, start: steep.start, steps: steep.steps }, "descendPath(tf.tensor1d([-1, 2, 4, 5]), tf.tensor1d([0, 1, 5, 3]), [2, -3], 0.02, 5)"),
  });

  const m = 20;
  const slope = Number(rng.uniform(-2, 2).toFixed(2));
  const intercept = Number(rng.uniform(-1, 1).toFixed(2));
  const xs = rng.array(m, (r) => Number(r.uniform(-2, 2).toFixed(2)));
  const own: PathCase = { xs, ys: xs.map((x) => Number((slope * x + intercept + rng.normal(0, 0.3)).toFixed(2))), start: [0, 0], rate: 0.1, steps: 40 };
  t.test("your own line", {
    points: 2,
    input: own,
    run: ({ xs, ys, start, rate, steps }) => descendPath(tf.tensor1d(xs), tf.tensor1d(ys), start, rate, steps),
    check: (got, { expect, expected }) => checkPath(expect, got, expected, { m: own.xs.length, start: own.start, steps: own.steps }, `descendPath on your ${m} points from [0, 0] (40 steps, rate 0.1)`),
  });

  t.test("the loss goes down along the path", {
    points: 1,
    input: own,
    run: ({ xs, ys, start, rate, steps }) => {
      const x = tf.tensor1d(xs);
      const y = tf.tensor1d(ys);
      const path = descendPath(x, y, start, rate, steps) as import("@tensorflow/tfjs-core").Tensor2D;
      // J at every row of the learner's own path, in one go.
      const [w, b] = tf.split(path, 2, 1);
      return w!.mul(x.reshape([1, -1])).add(b!).sub(y.reshape([1, -1])).square().mean(1);
    },
    check: (got, { expect }) => {
      const values = typeof got === "object" && got !== null && Array.isArray((got as unknown as TensorData).values) ? (got as unknown as TensorData).values : got;
      expect.decreases(values, { by: 0.5, what: "J along your path (on your own line)" });
    },
  });

  t.test("leaves no tensors behind", {
    points: 1,
    input: own,
    run: ({ xs, ys, start, rate, steps }) => {
      const x = tf.tensor1d(xs);
      const y = tf.tensor1d(ys);
      const before = tf.memory().numTensors;
      descendPath(x, y, start, rate, steps);
      // Only the path may stay.
      return { leaked: tf.memory().numTensors - before - 1 };
    },
    check: (got, { expect }) => expect.noLeaks(got?.leaked, { what: "descendPath" }),
  });
});
