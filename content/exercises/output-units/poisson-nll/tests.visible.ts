// Visible tests: shown to learners and run by **Check** in their browser.
import { defineTests, type Expect } from "@/engine/grading";

declare function meanPoissonNll(logRates: number[], counts: number[]): number;

const short = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(4))) : String(v));
const near = (a: unknown, b: number) => typeof a === "number" && Number.isFinite(b) && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
const list = (xs: number[]) => `[${xs.map(short).join(", ")}]`;

/**
 * The learner's NLL against the reference solution's (`want`), naming the usual mistakes first: each
 * mistake's value is `want` with one term replaced, so nothing here computes the NLL itself.
 */
export function checkNll(expect: Expect, got: unknown, want: number, z: number[], y: number[], what = `meanPoissonNll(${list(z)}, ${list(y)})`) {
  if (typeof got === "number" && !Number.isFinite(got)) {
    const biggest = Math.max(...y);
    expect.that(
      false,
      biggest >= 171
        ? `${what} gave ${String(got)}, but it is ${short(want)}: a count of ${biggest} has a factorial too large for a floating-point number (171! is already Infinity). Compute log(y!) as a sum of logs, log 2 + log 3 + … + log y.`
        : `${what} gave ${String(got)}, but it is ${short(want)}: Math.log of zero or a negative number is -Infinity or NaN. The network outputs the log of the rate, so λ = e^z is always positive and log λ is simply z.`,
    );
  }
  const withoutFactorial = z.reduce((s, zi, i) => s + Math.exp(zi) - (y[i] as number) * zi, 0) / z.length;
  expect.that(
    near(got, want) || !near(got, withoutFactorial),
    `${what} gave ${short(got as number)}, which leaves out log(y!): it does not change the gradient, but it is part of the negative log-likelihood (here it adds ${short(want - withoutFactorial)}).`,
  );
  // Treating z as the rate replaces e^z - y·z by z - y·log z; log(y!) stays.
  const rateIsLogit = want - withoutFactorial + z.reduce((s, zi, i) => s + zi - (y[i] as number) * Math.log(zi), 0) / z.length;
  expect.that(
    near(got, want) || !near(got, rateIsLogit),
    `${what} gave ${short(got as number)}, which treats z as the rate. The network outputs the log of the rate: λ = e^z, so -log P(y) = e^z - y·z + log(y!).`,
  );
  expect.close(got, want, { rel: 1e-9, abs: 1e-12, what });
}

export default defineTests((t, { rng }) => {
  t.test("a single count", {
    points: 2,
    input: { logRates: [0.5], counts: [2] },
    run: ({ logRates, counts }) => meanPoissonNll(logRates, counts),
    check: (got, { expect, expected }) => checkNll(expect, got, expected, [0.5], [2]),
  });

  t.test("a large count", {
    points: 2,
    input: { logRates: [Math.log(200)], counts: [200] },
    run: ({ logRates, counts }) => meanPoissonNll(logRates, counts),
    check: (got, { expect, expected }) => checkNll(expect, got, expected, [Math.log(200)], [200], "meanPoissonNll([log 200], [200])"),
  });

  t.test("averages over the examples", {
    points: 1,
    input: { logRates: [0, 1, -1], counts: [0, 3, 1] },
    run: ({ logRates, counts }) => meanPoissonNll(logRates, counts),
    check: (got, { expect, expected }) => {
      expect.that(!near(got, 3 * expected), `meanPoissonNll([0, 1, -1], [0, 3, 1]) gave ${short(got as number)}, the total over the examples: divide it by the number of examples to get the mean`);
      checkNll(expect, got, expected, [0, 1, -1], [0, 3, 1]);
    },
  });

  const logRates = rng.array(5, (r) => Number(r.uniform(-1, 2.5).toFixed(2)));
  const counts = logRates.map((z) => Math.max(0, Math.round(Math.exp(z) + rng.normal(0, 1.5))));
  t.test("your own counts", {
    points: 2,
    input: { logRates, counts },
    run: (input) => meanPoissonNll(input.logRates, input.counts),
    check: (got, { expect, expected }) => checkNll(expect, got, expected, logRates, counts),
  });
});
