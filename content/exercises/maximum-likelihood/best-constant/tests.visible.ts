// Visible tests: shown to learners and run by **Check** in their browser.
import { defineTests, type Expect } from "@/engine/grading";

declare function bestConstant(ys: number[], loss: "mse" | "mae"): number;

const mseOf = (ys: number[], c: number) => ys.reduce((s, y) => s + (y - c) ** 2, 0) / ys.length;
const maeOf = (ys: number[], c: number) => ys.reduce((s, y) => s + Math.abs(y - c), 0) / ys.length;
const short = (v: number) => String(Number(v.toPrecision(4)));
const list = (xs: number[]) =>
  xs.length > 12 ? `[${xs.slice(0, 3).map(short).join(", ")}, … ${xs.length - 6} more …, ${xs.slice(-3).map(short).join(", ")}]` : `[${xs.join(", ")}]`;

/** Both best constants for one sample; a test's `run` returns them so that the reference solution's carry the mean and the median. */
export interface Constants {
  mse: unknown;
  mae: unknown;
}

/** Judges bestConstant(ys, "mse"); the MAE answer only serves to name a mistake, so it may throw. */
export const underMse = ({ ys }: { ys: number[] }): Constants => {
  const mse = bestConstant(ys, "mse");
  let mae: unknown;
  try {
    mae = bestConstant(ys, "mae");
  } catch {
    mae = undefined;
  }
  return { mse, mae };
};

/** Judges bestConstant(ys, "mae"); the MSE answer only serves to name a mistake, so it may throw. */
export const underMae = ({ ys }: { ys: number[] }): Constants => {
  const mae = bestConstant(ys, "mae");
  let mse: unknown;
  try {
    mse = bestConstant(ys, "mse");
  } catch {
    mse = undefined;
  }
  return { mse, mae };
};

/**
 * Judges the constant by its loss, so that any minimiser passes; names the usual mistakes first.
 * `best` is the reference solution's answers for the same ys: the mean (MSE) and a median (MAE).
 */
export function checkConstant(expect: Expect, got: unknown, ys: number[], loss: "mse" | "mae", best: Constants) {
  const what = `bestConstant(${list(ys)}, "${loss}")`;
  const mean = best.mse as number;
  const median = best.mae as number;
  expect.that(typeof got === "number" && Number.isFinite(got), `${what} should be a number, got ${String(got)}`);
  const c = got as number;
  if (loss === "mse") {
    expect.that(
      mseOf(ys, c) <= mseOf(ys, mean) + 1e-9 * Math.max(1, mseOf(ys, mean)),
      `${what} gave ${short(c)}, whose MSE is ${short(mseOf(ys, c))}; the best constant has MSE ${short(mseOf(ys, mean))}${Math.abs(c - median) < 1e-12 ? ": that is the median, but squared error is minimised by the mean" : ""}`,
    );
    return;
  }
  const tooHigh = maeOf(ys, c) > maeOf(ys, median) + 1e-9 * Math.max(1, maeOf(ys, median));
  if (!tooHigh) return;
  // Only a wrong answer needs the text-sorted values (sorting numbers as text is slow, and this runs per submission).
  const textSorted = [...ys].sort();
  const asText = textSorted[Math.floor(textSorted.length / 2)] as number;
  expect.that(
    c !== asText,
    `${what} gave ${short(c)}, whose MAE is ${short(maeOf(ys, c))}; the best constant has MAE ${short(maeOf(ys, median))}. Is your sort comparing numbers as text? ${list(textSorted)} is what ys.sort() gives: sort numerically with (a, b) => a - b.`,
  );
  expect.that(
    false,
    `${what} gave ${short(c)}, whose MAE is ${short(maeOf(ys, c))}; the best constant has MAE ${short(maeOf(ys, median))}${Math.abs(c - mean) < 1e-9 ? ": that is the mean, but absolute error is minimised by the median" : ""}`,
  );
}

export default defineTests((t, { rng }) => {
  t.test("the mean under MSE", {
    points: 2,
    input: { ys: [2, 3.5, 1, 4.5, 3, 9] },
    run: underMse,
    check: (got, { expect, expected }) => checkConstant(expect, got.mse, [2, 3.5, 1, 4.5, 3, 9], "mse", expected),
  });

  t.test("a skewed sample under MAE", {
    points: 2,
    input: { ys: [0.8, 1, 1.2, 1.3, 1.5, 1.6, 2, 2.4, 3, 6, 11] },
    run: underMae,
    check: (got, { expect, expected }) => checkConstant(expect, got.mae, [0.8, 1, 1.2, 1.3, 1.5, 1.6, 2, 2.4, 3, 6, 11], "mae", expected),
  });

  t.test("a median of numbers of different lengths", {
    points: 2,
    input: { ys: [10, 9, 2, 100, 3] },
    run: underMae,
    check: (got, { expect, expected }) => checkConstant(expect, got.mae, [10, 9, 2, 100, 3], "mae", expected),
  });

  t.test("leaves the values as they were", {
    points: 1,
    input: { ys: [5, 1, 4, 2, 3] },
    run: (input) => {
      bestConstant(input.ys, "mae");
      bestConstant(input.ys, "mse");
      return null;
    },
    check: (_got, { expect, input, inputAfter }) => expect.unchanged(inputAfter.ys, input.ys, { what: "bestConstant" }),
  });

  const ys = rng.array(7, (r) => Number((-Math.log(1 - r.next()) * 3).toFixed(1)));
  t.test("your own skewed sample", {
    points: 2,
    input: { ys },
    run: (input) => [bestConstant(input.ys, "mse"), bestConstant(input.ys, "mae")],
    check: (got, { expect, expected }) => {
      const best = { mse: expected[0], mae: expected[1] };
      checkConstant(expect, got[0], ys, "mse", best);
      checkConstant(expect, got[1], ys, "mae", best);
    },
  });
});
