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

/** What a test's `run` returns: the updates, and the updates in the stored order 0, 1, 2, … (to name that mistake). */
export interface Updates {
  updates: unknown;
  storedOrder: unknown;
}

/**
 * The epoch in the given order and, from the reference solution, in the stored order, which names the
 * mistake of ignoring `order`. A learner's stored-order epoch is never judged, so it may throw.
 */
export const withStoredOrder = (e: Epoch): Updates => {
  const updates = miniBatchEpoch(e.xs, e.ys, e.w, e.b, e.rate, e.batchSize, e.order);
  const stored = e.xs.map((_, i) => i);
  if (stored.every((i, k) => e.order[k] === i)) return { updates, storedOrder: updates };
  let storedOrder: unknown;
  try {
    storedOrder = miniBatchEpoch(e.xs, e.ys, e.w, e.b, e.rate, e.batchSize, stored);
  } catch {
    storedOrder = undefined;
  }
  return { updates, storedOrder };
};

const same = (a: unknown, b: number[][]) =>
  Array.isArray(a) && a.length === b.length && a.every((row, i) => Array.isArray(row) && row.length === 2 && row.every((v, k) => typeof v === "number" && Math.abs(v - (b[i]?.[k] as number)) <= 1e-9 * Math.max(1, Math.abs(b[i]?.[k] as number))));
const list = (xs: number[]) => (xs.length > 10 ? `[${xs.slice(0, 4).join(", ")}, …]` : `[${xs.join(", ")}]`);

/**
 * The learner's updates against the reference solution's (`expected`), naming the usual mistakes first.
 * The mistakes' updates are derived from the reference's: they agree with it up to the step that differs.
 */
export function checkEpoch(expect: Expect, got: unknown, expected: Updates, e: Epoch, what = `miniBatchEpoch(${list(e.xs)}, ${list(e.ys)}, ${e.w}, ${e.b}, ${e.rate}, ${e.batchSize}, ${list(e.order)})`) {
  const want = expected.updates as number[][];
  const m = e.order.length;
  if (!same(got, want)) {
    const rest = m % e.batchSize;
    // Without the last, shorter batch: every update but the last.
    const dropLast = rest === 0 ? want : want.slice(0, -1);
    // The last batch's mean gradient divided by batchSize instead of its size: its step shrinks by rest / batchSize.
    const before = want.length >= 2 ? (want[want.length - 2] as number[]) : [e.w, e.b];
    const last = want[want.length - 1] as number[];
    const byBatchSize = rest === 0 ? want : [...want.slice(0, -1), before.map((v, k) => v + ((last[k] as number) - v) * (rest / e.batchSize))];
    // b's gradient taken after w moved by Δw adds 2·Δw·mean(x) over the batch: compare the first update.
    const firstBatch = e.order.slice(0, e.batchSize);
    const meanX = firstBatch.reduce((s, i) => s + (e.xs[i] as number), 0) / firstBatch.length;
    const first = want[0] as number[];
    const wFirst = [[first[0] as number, (first[1] as number) - 2 * e.rate * ((first[0] as number) - e.w) * meanX]];
    const firstOf = (rows: unknown) => (Array.isArray(rows) ? rows.slice(0, 1) : rows);
    expect.that(!same(got, dropLast), `${what} made ${want.length - 1} updates: ${m} examples in batches of ${e.batchSize} leave a last, shorter batch of ${m % e.batchSize}, and it needs its update too (${want.length} in all).`);
    expect.that(!same(got, byBatchSize), `${what}: the last batch holds only ${m % e.batchSize} example${m % e.batchSize === 1 ? "" : "s"}, so its mean gradient must divide by the size of this batch (${m % e.batchSize}), not by batchSize (${e.batchSize}).`);
    expect.that(!(Array.isArray(expected.storedOrder) && same(got, expected.storedOrder as number[][])), `${what} visited the examples in their stored order 0, 1, 2, …: take them in the order given by \`order\`, which is this epoch's shuffle.`);
    expect.that(!same(firstOf(got), wFirst), `${what}: b's gradient was computed after w had already moved. Compute both partial derivatives from the same (w, b) before updating either.`);
  }
  expect.close(got, want, { abs: 1e-9, rel: 1e-9, what: `${what} ([w, b] after each update)` });
}

export default defineTests((t, { rng }) => {
  const data = { xs: [0, 1, 2, 3], ys: [1, 3, 5, 7] };
  const full: Epoch = { ...data, w: 0, b: 0, rate: 0.1, batchSize: 4, order: [0, 1, 2, 3] };
  t.test("batch gradient descent is one step", {
    points: 2,
    input: full,
    run: withStoredOrder,
    check: (got, { expect, expected }) => checkEpoch(expect, got.updates, expected, full),
  });

  const sgd: Epoch = { ...data, w: 0, b: 0, rate: 0.05, batchSize: 1, order: [2, 0, 3, 1] };
  t.test("SGD takes one step per example", {
    points: 2,
    input: sgd,
    run: withStoredOrder,
    check: (got, { expect, expected }) => checkEpoch(expect, got.updates, expected, sgd),
  });

  const short: Epoch = { xs: [0, 1, 2, 3, 4], ys: [1, 3, 5, 7, 9], w: 0, b: 0, rate: 0.05, batchSize: 2, order: [0, 1, 2, 3, 4] };
  t.test("a short last batch", {
    points: 2,
    input: short,
    run: withStoredOrder,
    check: (got, { expect, expected }) => checkEpoch(expect, got.updates, expected, short),
  });

  const shuffled: Epoch = { ...data, w: 0.5, b: 0.5, rate: 0.05, batchSize: 2, order: [3, 0, 2, 1] };
  t.test("follows the given order", {
    points: 2,
    input: shuffled,
    run: withStoredOrder,
    check: (got, { expect, expected }) => checkEpoch(expect, got.updates, expected, shuffled),
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
    run: withStoredOrder,
    check: (got, { expect, expected }) => checkEpoch(expect, got.updates, expected, own),
  });
});

function r2(v: number): number {
  return Math.round(v * 100) / 100;
}
