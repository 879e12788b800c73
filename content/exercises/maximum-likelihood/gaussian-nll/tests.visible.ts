// Visible tests: shown to learners and run by **Check** in their browser.
import { defineTests, type Expect } from "@/engine/grading";

declare function gaussianNll(ys: number[], preds: number[], sigma: number): number;

const short = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(4))) : String(v));
const near = (a: unknown, b: number) => typeof a === "number" && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
const list = (xs: number[]) => `[${xs.join(", ")}]`;

/**
 * The learner's NLL against the reference solution's (`want`), naming the usual mistakes first. The
 * mistakes are told apart by how they differ from `want`, so nothing here computes the NLL itself.
 */
function checkNll(expect: Expect, got: unknown, want: number, ys: number[], preds: number[], sigma: number) {
  const what = `gaussianNll(${list(ys)}, ${list(preds)}, ${sigma})`;
  const constant = 0.5 * Math.log(2 * Math.PI * sigma ** 2);
  // The squared-error term is want - constant; dividing by 2σ instead of 2σ² multiplies it by σ.
  const dividedBySigma = constant + (want - constant) * sigma;
  expect.that(
    typeof got !== "number" || Number.isFinite(got),
    `${what} gave ${String(got)}, but it is ${short(want)}: the density rounded to 0 and its log is -Infinity. Do not compute the density; take the log by hand: ½·log(2πσ²) + (y - ŷ)²/(2σ²).`,
  );
  expect.that(
    near(got, want) || !near(got, want - constant),
    `${what} gave ${short(got as number)}, which leaves out the constant ½·log(2πσ²) = ${short(constant)}: it does not move the minimiser, but it is part of the negative log-likelihood`,
  );
  expect.that(
    sigma === 1 || near(got, want) || !near(got, dividedBySigma),
    `${what} gave ${short(got as number)}: the squared error is divided by 2σ there, but the Gaussian divides it by twice the variance σ² = ${short(sigma ** 2)}`,
  );
  expect.close(got, want, { rel: 1e-9, what });
}

export default defineTests((t, { rng }) => {
  t.test("a perfect prediction", {
    points: 2,
    input: { ys: [1, 2, 3], preds: [1, 2, 3], sigma: 1 },
    run: ({ ys, preds, sigma }) => gaussianNll(ys, preds, sigma),
    check: (got, { expect, expected }) => checkNll(expect, got, expected, [1, 2, 3], [1, 2, 3], 1),
  });

  t.test("a narrower Gaussian", {
    points: 2,
    input: { ys: [0, 1], preds: [0.5, 0], sigma: 0.5 },
    run: ({ ys, preds, sigma }) => gaussianNll(ys, preds, sigma),
    check: (got, { expect, expected }) => checkNll(expect, got, expected, [0, 1], [0.5, 0], 0.5),
  });

  t.test("a far-off prediction", {
    points: 2,
    input: { ys: [100], preds: [0], sigma: 1 },
    run: ({ ys, preds, sigma }) => gaussianNll(ys, preds, sigma),
    check: (got, { expect, expected }) => checkNll(expect, got, expected, [100], [0], 1),
  });

  const ys = rng.array(5, (r) => Number(r.normal(2, 1.5).toFixed(2)));
  const preds = ys.map((y) => Number((y + rng.normal(0, 0.8)).toFixed(2)));
  const sigma = Number(rng.uniform(0.4, 2).toFixed(2));
  t.test("your own data", {
    points: 2,
    input: { ys, preds, sigma },
    run: (input) => gaussianNll(input.ys, input.preds, input.sigma),
    check: (got, { expect, expected }) => checkNll(expect, got, expected, ys, preds, sigma),
  });
});
