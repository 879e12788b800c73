// Hidden tests: graded on the server only. This file is read by the grader and never bundled for a page.
import { defineTests } from "@/engine/grading";
import { checkEpoch, type Epoch, withStoredOrder } from "./tests.visible";

declare function miniBatchEpoch(xs: number[], ys: number[], w: number, b: number, rate: number, batchSize: number, order: number[]): number[][];

export default defineTests((t, { rng }) => {
  const m = 64;
  const xs = rng.array(m, (r) => r.uniform(0, 2));
  const ys = xs.map((x) => -1.5 * x + 0.5 + rng.normal(0, 0.2));
  const shuffle = () => {
    const order = xs.map((_, i) => i);
    for (let i = m - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    return order;
  };
  const epoch: Epoch = { xs, ys, w: 1, b: 1, rate: 0.1, batchSize: 10, order: shuffle() };
  t.test("sixty-four examples in batches of ten", {
    points: 3,
    input: epoch,
    run: withStoredOrder,
    check: (got, { expect, expected }) => {
      checkEpoch(expect, got.updates, expected, epoch, "miniBatchEpoch on 64 examples, batches of 10");
      const mse = (w: number, b: number) => xs.reduce((s, x, i) => s + (w * x + b - (ys[i] as number)) ** 2, 0) / m;
      expect.decreases([mse(1, 1), ...(got.updates as number[][]).map(([w, b]) => mse(w as number, b as number))], { by: 0.5, what: "the training loss over the epoch" });
    },
  });

  const sgd: Epoch = { ...epoch, w: 0, b: 0, rate: 0.02, batchSize: 1, order: shuffle() };
  t.test("an epoch of SGD", {
    points: 2,
    input: sgd,
    run: withStoredOrder,
    check: (got, { expect, expected }) => checkEpoch(expect, got.updates, expected, sgd, "miniBatchEpoch on 64 examples, batch size 1"),
  });

  const n = 50_000;
  t.test("fifty thousand examples, quickly", {
    points: 1,
    timeLimitMs: 2_000,
    input: { n, batchSize: 32 },
    run: ({ n, batchSize }) => {
      // Made inside the learner's realm, so that only a summary crosses back.
      const big = Array.from({ length: n }, (_, i) => (i % 100) / 50);
      const target = big.map((x) => 3 * x - 1);
      const order = big.map((_, i) => (i * 7919) % n);
      const updates = miniBatchEpoch(big, target, 0, 0, 0.05, batchSize, order);
      return Array.isArray(updates) ? [updates.length, ...(updates[updates.length - 1] ?? [])] : updates;
    },
    check: (got, { expect, expected, ms }) => {
      expect.close(got, expected, { rel: 1e-9, abs: 1e-9, what: "miniBatchEpoch on 50,000 examples in batches of 32 (the number of updates, then the last [w, b])" });
      expect.within(ms, 1_000, { what: "an epoch over 50,000 examples" });
    },
  });
});
