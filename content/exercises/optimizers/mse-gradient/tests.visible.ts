// Visible tests: shown to learners and run by **Check** in their browser.
import { defineTests, type Expect } from "@/engine/grading";

declare function mseGradient(w: number, b: number, xs: number[], ys: number[]): [number, number];

const short = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(4))) : String(v));
const pair = (g: [number, number]) => `[${short(g[0])}, ${short(g[1])}]`;
const list = (xs: number[]) => `[${xs.join(", ")}]`;
const near = (a: number, b: number) => Math.abs(a - b) <= 1e-4 * Math.max(1, Math.abs(b));

/** The learner's gradient against the reference solution's (`want`), naming the usual mistakes first. */
export function checkGradient(expect: Expect, got: unknown, want: [number, number], w: number, b: number, xs: number[], ys: number[], what = `mseGradient(${w}, ${b}, ${list(xs)}, ${list(ys)})`) {
  expect.shape(got, [2], { what });
  const [gw, gb] = got as [number, number];
  const ok = near(gw, want[0]) && near(gb, want[1]);
  if (!ok && typeof gw === "number" && typeof gb === "number" && !(gw === 0 && gb === 0)) {
    const is = (k: number) => near(gw, k * want[0]) && near(gb, k * want[1]);
    expect.that(!is(-1), `${what} gave ${pair([gw, gb])}, the negative of the gradient ${pair(want)}: it points downhill. Take the error as prediction minus target, e = w·x + b - y.`);
    expect.that(!is(0.5), `${what} gave ${pair([gw, gb])}, half the gradient ${pair(want)}: the derivative of e² is 2e, not e.`);
    expect.that(xs.length < 2 || !is(xs.length), `${what} gave ${pair([gw, gb])}, ${xs.length} times the gradient ${pair(want)}: the cost is a mean, so divide both by the number of examples.`);
    expect.that(near(want[0], want[1]) || !(near(gb, want[1]) && near(gw, want[1]) && !near(gw, want[0])), `${what} gave ${pair([gw, gb])}: ∂J/∂b is right, but for ∂J/∂w multiply each error by its x (∂e/∂w = x). The gradient is ${pair(want)}.`);
  }
  // Loose enough for a gradient computed in another order of additions, or by a careful finite difference.
  expect.close(gw, want[0], { rel: 1e-4, abs: 1e-6, what: `∂J/∂w, the first number from ${what},` });
  expect.close(gb, want[1], { rel: 1e-4, abs: 1e-6, what: `∂J/∂b, the second number from ${what},` });
}

export default defineTests((t, { rng }) => {
  t.test("one example", {
    points: 2,
    input: { w: 1, b: 0, xs: [2], ys: [5] },
    run: ({ w, b, xs, ys }) => mseGradient(w, b, xs, ys),
    check: (got, { expect, expected }) => checkGradient(expect, got, expected, 1, 0, [2], [5]),
  });

  t.test("averages over the examples", {
    points: 2,
    input: { w: 0.5, b: 0, xs: [1, 2, 3], ys: [1, 1, 2] },
    run: ({ w, b, xs, ys }) => mseGradient(w, b, xs, ys),
    check: (got, { expect, expected }) => checkGradient(expect, got, expected, 0.5, 0, [1, 2, 3], [1, 1, 2]),
  });

  t.test("leaves the data as they were", {
    points: 1,
    input: { w: 2, b: -1, xs: [3, 1, 2], ys: [0, 4, 1] },
    run: (input) => {
      mseGradient(input.w, input.b, input.xs, input.ys);
      return null;
    },
    check: (_got, { expect, input, inputAfter }) => expect.unchanged(inputAfter, input, { what: "mseGradient" }),
  });

  const xs = rng.array(6, (r) => Number(r.uniform(-2, 2).toFixed(2)));
  const ys = xs.map((x) => Number((1.5 * x - 0.5 + rng.normal(0, 0.3)).toFixed(2)));
  const w = Number(rng.uniform(-1, 1).toFixed(2));
  const b = Number(rng.uniform(-1, 1).toFixed(2));
  t.test("your own data, against a finite difference", {
    points: 3,
    input: { w, b, xs, ys },
    run: (input) => mseGradient(input.w, input.b, input.xs, input.ys),
    check: (got, { expect, expected }) => checkGradient(expect, got, expected, w, b, xs, ys),
  });
});
