// Visible tests: shown to learners and run by **Check** in their browser.
import { defineTests, type Rng } from "@/engine/grading";

declare function trainLogistic(xs: number[][], ys: number[], epochs: number, eta: number): { w: number[]; b: number; losses: number[] };

/** Two Gaussian clusters, class 0 around (0.5, 0.5) and class 1 around (2, 2): the boundary does not pass through the origin. */
function clusters(rng: Rng, m: number): { xs: number[][]; ys: number[] } {
  const ys = Array.from({ length: m }, (_, i) => i % 2);
  const xs = ys.map((y) => [y ? 2 : 0.5, y ? 2 : 0.5].map((c) => Number((c + rng.normal(0, 0.5)).toFixed(3))));
  return { xs, ys };
}

const accuracy = (w: number[], b: number, xs: number[][], ys: number[]) =>
  xs.filter((x, i) => (x.reduce((s, xj, j) => s + xj * (w[j] ?? NaN), b) > 0 ? 1 : 0) === ys[i]).length / xs.length;

export default defineTests((t, { rng }) => {
  t.test("the first loss is log 2", {
    points: 1,
    input: { xs: [[1, 2], [-1, 0.5], [3, -1]], ys: [1, 0, 1] },
    run: ({ xs, ys }) => trainLogistic(xs, ys, 1, 0.1).losses,
    // A property of any right answer (w = 0, b = 0 predict p = 0.5, which costs log 2), kept as an anchor.
    check: (got, { expect }) =>
      expect.close(got, [Math.log(2)], { abs: 1e-12, what: "the losses from trainLogistic on 3 examples for 1 epoch (w = 0 predicts p = 0.5 everywhere)" }),
  });

  const train = clusters(rng, 100);
  t.test("the loss goes down", {
    points: 2,
    input: { ...train, epochs: 60, eta: 0.3 },
    run: ({ xs, ys, epochs, eta }) => trainLogistic(xs, ys, epochs, eta).losses,
    check: (got, { expect }) => {
      expect.shape(got, [60], { what: "the losses from 60 epochs (one per epoch)" });
      expect.decreases(got, { monotonic: true, by: 0.3, what: "the training loss over 60 epochs of gradient descent (eta 0.3)" });
    },
  });

  const heldOut = clusters(rng, 400);
  t.test("separates two clusters", {
    points: 3,
    input: { ...train, epochs: 300, eta: 0.5 },
    run: ({ xs, ys, epochs, eta }) => {
      const { w, b } = trainLogistic(xs, ys, epochs, eta);
      return { w, b };
    },
    check: (got, { expect }) => {
      const w = got?.w;
      const b = got?.b;
      expect.that(Array.isArray(w) && w.length === 2 && typeof b === "number", `trainLogistic should return w as an array of 2 weights and b as a number, got w = ${JSON.stringify(w)}, b = ${String(b)}`);
      const acc = accuracy(w, b, heldOut.xs, heldOut.ys);
      const weights = `w = [${w.map((x) => x.toFixed(3)).join(", ")}], b = ${b.toFixed(3)}`;
      expect.that(
        !(acc < 0.9 && b === 0 && w.some((x) => x !== 0)),
        `after 300 epochs, ${weights} classifies only ${(100 * acc).toFixed(0)}% of 400 held-out points correctly, and b is still 0: the clusters' boundary does not pass through the origin, so the bias must learn too (b ← b - eta ∂J/∂b)`,
      );
      expect.that(acc >= 0.9, `after 300 epochs, ${weights} classifies only ${(100 * acc).toFixed(0)}% of 400 held-out points correctly; it should get at least 90%`);
    },
  });

  const tiny = { xs: [[1, 2], [-1, 0.5], [3, -1], [0, 1]], ys: [1, 0, 1, 0] };
  t.test("follows gradient descent exactly", {
    points: 2,
    input: { ...tiny, epochs: 3, eta: 0.5 },
    run: ({ xs, ys, epochs, eta }) => trainLogistic(xs, ys, epochs, eta),
    check: (got, { expect, expected: want }) => {
      const what = "trainLogistic on 4 examples, 3 epochs, eta 0.5";
      const hint = "(record the loss before each step; the gradient is the mean over the examples, (1/m) Σ (p_i - y_i) x_i)";
      expect.close(got?.losses, want.losses, { abs: 1e-9, what: `the losses from ${what} ${hint}` });
      expect.close([...(got?.w ?? []), got?.b], [...want.w, want.b], { abs: 1e-9, what: `[w1, w2, b] after ${what} ${hint}` });
    },
  });
});
