// Visible tests: shown to learners and run by **Check** in their browser.
import { defineTests, type Expect } from "@/engine/grading";

declare function miniBatchEpoch(xs: number[], ys: number[], w: number, b: number, rate: number, batchSize: number, order: number[]): number[][];

export interface Epoch {
  xs: number[];
  ys: number[];
  w: number;
  b: number;
  rate: number;
  batchSize: number;
  order: number[];
}

/** The reference epoch, and (through `mistake`) the usual wrong ones, so that a wrong answer can be named. */
export function referenceEpoch(e: Epoch, mistake?: "byBatchSize" | "dropLast" | "storedOrder" | "wFirst"): number[][] {
  const order = mistake === "storedOrder" ? e.xs.map((_, i) => i) : e.order;
  let { w, b } = e;
  const updates: number[][] = [];
  for (let start = 0; start < order.length; start += e.batchSize) {
    const batch = order.slice(start, start + e.batchSize);
    if (mistake === "dropLast" && batch.length < e.batchSize) break;
    const size = mistake === "byBatchSize" ? e.batchSize : batch.length;
    const error = (i: number) => w * (e.xs[i] as number) + b - (e.ys[i] as number);
    const gw = batch.reduce((s, i) => s + 2 * error(i) * (e.xs[i] as number), 0) / size;
    if (mistake === "wFirst") w -= e.rate * gw;
    const gb = batch.reduce((s, i) => s + 2 * error(i), 0) / size;
    if (mistake !== "wFirst") w -= e.rate * gw;
    b -= e.rate * gb;
    updates.push([w, b]);
  }
  return updates;
}

const same = (a: unknown, b: number[][]) =>
  Array.isArray(a) && a.length === b.length && a.every((row, i) => Array.isArray(row) && row.length === 2 && row.every((v, k) => typeof v === "number" && Math.abs(v - (b[i]?.[k] as number)) <= 1e-9 * Math.max(1, Math.abs(b[i]?.[k] as number))));
const list = (xs: number[]) => (xs.length > 10 ? `[${xs.slice(0, 4).join(", ")}, …]` : `[${xs.join(", ")}]`);

export function checkEpoch(expect: Expect, got: unknown, e: Epoch, what = `miniBatchEpoch(${list(e.xs)}, ${list(e.ys)}, ${e.w}, ${e.b}, ${e.rate}, ${e.batchSize}, ${list(e.order)})`) {
  const want = referenceEpoch(e);
  const m = e.order.length;
  if (!same(got, want)) {
    expect.that(!same(got, referenceEpoch(e, "dropLast")), `${what} made ${want.length - 1} updates: ${m} examples in batches of ${e.batchSize} leave a last, shorter batch of ${m % e.batchSize}, and it needs its update too (${want.length} in all).`);
    expect.that(!same(got, referenceEpoch(e, "byBatchSize")), `${what}: the last batch holds only ${m % e.batchSize} example${m % e.batchSize === 1 ? "" : "s"}, so its mean gradient must divide by the size of this batch (${m % e.batchSize}), not by batchSize (${e.batchSize}).`);
    expect.that(!same(got, referenceEpoch(e, "storedOrder")), `${what} visited the examples in their stored order 0, 1, 2, …: take them in the order given by \`order\`, which is this epoch's shuffle.`);
    expect.that(!same(got, referenceEpoch(e, "wFirst")), `${what}: b's gradient was computed after w had already moved. Compute both partial derivatives from the same (w, b) before updating either.`);
  }
  expect.close(got, want, { abs: 1e-9, rel: 1e-9, what: `${what} ([w, b] after each update)` });
}

export default defineTests((t, { rng }) => {
  const data = { xs: [0, 1, 2, 3], ys: [1, 3, 5, 7] };
  const full: Epoch = { ...data, w: 0, b: 0, rate: 0.1, batchSize: 4, order: [0, 1, 2, 3] };
  t.test("batch gradient descent is one step", {
    points: 2,
    input: full,
    run: (e) => miniBatchEpoch(e.xs, e.ys, e.w, e.b, e.rate, e.batchSize, e.order),
    check: (got, { expect }) => checkEpoch(expect, got, full),
  });

  const sgd: Epoch = { ...data, w: 0, b: 0, rate: 0.05, batchSize: 1, order: [2, 0, 3, 1] };
  t.test("SGD takes one step per example", {
    points: 2,
    input: sgd,
    run: (e) => miniBatchEpoch(e.xs, e.ys, e.w, e.b, e.rate, e.batchSize, e.order),
    check: (got, { expect }) => checkEpoch(expect, got, sgd),
  });

  const short: Epoch = { xs: [0, 1, 2, 3, 4], ys: [1, 3, 5, 7, 9], w: 0, b: 0, rate: 0.05, batchSize: 2, order: [0, 1, 2, 3, 4] };
  t.test("a short last batch", {
    points: 2,
    input: short,
    run: (e) => miniBatchEpoch(e.xs, e.ys, e.w, e.b, e.rate, e.batchSize, e.order),
    check: (got, { expect }) => checkEpoch(expect, got, short),
  });

  const shuffled: Epoch = { ...data, w: 0.5, b: 0.5, rate: 0.05, batchSize: 2, order: [3, 0, 2, 1] };
  t.test("follows the given order", {
    points: 2,
    input: shuffled,
    run: (e) => miniBatchEpoch(e.xs, e.ys, e.w, e.b, e.rate, e.batchSize, e.order),
    check: (got, { expect }) => checkEpoch(expect, got, shuffled),
  });

  t.test("leaves the data as they were", {
    points: 1,
    input: shuffled,
    run: (e) => {
      miniBatchEpoch(e.xs, e.ys, e.w, e.b, e.rate, e.batchSize, e.order);
      return null;
    },
    check: (_got, { expect, input, inputAfter }) => expect.unchanged(inputAfter, input, { what: "miniBatchEpoch" }),
  });

  const m = 7;
  const xs = rng.array(m, (r) => Number(r.uniform(-2, 2).toFixed(1)));
  const ys = xs.map((x) => Number((2 * x + 1 + r2(rng.normal(0, 0.3))).toFixed(1)));
  const order = xs.map((_, i) => i);
  for (let i = m - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const own: Epoch = { xs, ys, w: 0, b: 0, rate: 0.1, batchSize: rng.int(2, 3), order };
  t.test("your own epoch", {
    points: 2,
    input: own,
    run: (e) => miniBatchEpoch(e.xs, e.ys, e.w, e.b, e.rate, e.batchSize, e.order),
    check: (got, { expect }) => checkEpoch(expect, got, own),
  });
});

function r2(v: number): number {
  return Math.round(v * 100) / 100;
}
