// Visible tests: shown to learners and run by **Check** in their browser.
import { defineTests, type Expect } from "@/engine/grading";

declare function bestConstant(ys: number[], loss: "mse" | "mae"): number;

const mseOf = (ys: number[], c: number) => ys.reduce((s, y) => s + (y - c) ** 2, 0) / ys.length;
const maeOf = (ys: number[], c: number) => ys.reduce((s, y) => s + Math.abs(y - c), 0) / ys.length;
const mean = (ys: number[]) => ys.reduce((s, y) => s + y, 0) / ys.length;
const median = (ys: number[]) => {
  const sorted = [...ys].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const short = (v: number) => String(Number(v.toPrecision(4)));
const list = (xs: number[]) =>
  xs.length > 12 ? `[${xs.slice(0, 3).map(short).join(", ")}, … ${xs.length - 6} more …, ${xs.slice(-3).map(short).join(", ")}]` : `[${xs.join(", ")}]`;

/** Judges the constant by its loss, so that any minimiser passes; names the usual mistakes first. */
export function checkConstant(expect: Expect, got: unknown, ys: number[], loss: "mse" | "mae") {
  const what = `bestConstant(${list(ys)}, "${loss}")`;
  expect.that(typeof got === "number" && Number.isFinite(got), `${what} should be a number, got ${String(got)}`);
  const c = got as number;
  if (loss === "mse") {
    const best = mean(ys);
    expect.that(
      mseOf(ys, c) <= mseOf(ys, best) + 1e-9 * Math.max(1, mseOf(ys, best)),
      `${what} gave ${short(c)}, whose MSE is ${short(mseOf(ys, c))}; the best constant has MSE ${short(mseOf(ys, best))}${Math.abs(c - median(ys)) < 1e-12 ? ": that is the median, but squared error is minimised by the mean" : ""}`,
    );
    return;
  }
  const best = median(ys);
  const textSorted = [...ys].sort();
  const asText = textSorted[Math.floor(textSorted.length / 2)] as number;
  const tooHigh = maeOf(ys, c) > maeOf(ys, best) + 1e-9 * Math.max(1, maeOf(ys, best));
  expect.that(
    !tooHigh || c !== asText,
    `${what} gave ${short(c)}, whose MAE is ${short(maeOf(ys, c))}; the best constant has MAE ${short(maeOf(ys, best))}. Is your sort comparing numbers as text? ${list(textSorted)} is what ys.sort() gives: sort numerically with (a, b) => a - b.`,
  );
  expect.that(
    !tooHigh,
    `${what} gave ${short(c)}, whose MAE is ${short(maeOf(ys, c))}; the best constant has MAE ${short(maeOf(ys, best))}${Math.abs(c - mean(ys)) < 1e-9 ? ": that is the mean, but absolute error is minimised by the median" : ""}`,
  );
}

export default defineTests((t, { rng }) => {
  t.test("the mean under MSE", {
    points: 2,
    input: { ys: [2, 3.5, 1, 4.5, 3, 9] },
    run: ({ ys }) => bestConstant(ys, "mse"),
    check: (got, { expect }) => checkConstant(expect, got, [2, 3.5, 1, 4.5, 3, 9], "mse"),
  });

  t.test("a skewed sample under MAE", {
    points: 2,
    input: { ys: [0.8, 1, 1.2, 1.3, 1.5, 1.6, 2, 2.4, 3, 6, 11] },
    run: ({ ys }) => bestConstant(ys, "mae"),
    check: (got, { expect }) => checkConstant(expect, got, [0.8, 1, 1.2, 1.3, 1.5, 1.6, 2, 2.4, 3, 6, 11], "mae"),
  });

  t.test("a median of numbers of different lengths", {
    points: 2,
    input: { ys: [10, 9, 2, 100, 3] },
    run: ({ ys }) => bestConstant(ys, "mae"),
    check: (got, { expect }) => checkConstant(expect, got, [10, 9, 2, 100, 3], "mae"),
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
    check: (got, { expect }) => {
      checkConstant(expect, got[0], ys, "mse");
      checkConstant(expect, got[1], ys, "mae");
    },
  });
});
