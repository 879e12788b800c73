// Hidden tests: graded on the server only. This file is read by the grader and never bundled for a page.
import { defineTests } from "@/engine/grading";

declare function trainLogistic(xs: number[][], ys: number[], epochs: number, eta: number): { w: number[]; b: number; losses: number[] };

function reference(xs: number[][], ys: number[], epochs: number, eta: number) {
  const m = xs.length;
  const w = xs[0]!.map(() => 0);
  let b = 0;
  const losses: number[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    const gw = w.map(() => 0);
    let gb = 0;
    let loss = 0;
    xs.forEach((x, i) => {
      const z = x.reduce((s, xj, j) => s + xj * w[j]!, b);
      loss += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - ys[i]! * z;
      const e = 1 / (1 + Math.exp(-z)) - ys[i]!;
      x.forEach((xj, j) => (gw[j]! += e * xj));
      gb += e;
    });
    losses.push(loss / m);
    w.forEach((_, j) => (w[j]! -= (eta * gw[j]!) / m));
    b -= (eta * gb) / m;
  }
  return { w, b, losses };
}

export default defineTests((t, { rng }) => {
  // Five features, a learner-specific true boundary.
  const truth = rng.array(5, (r) => r.normal(0, 1));
  const xs = Array.from({ length: 1000 }, () => rng.array(5, (r) => Number(r.normal(0, 1).toFixed(3))));
  const ys = xs.map((x) => (x.reduce((s, xj, j) => s + xj * truth[j]!, 0.5) > 0 ? 1 : 0));
  t.test("a thousand examples, quickly", {
    points: 3,
    timeLimitMs: 3_000,
    input: { xs, ys },
    run: ({ xs, ys }) => trainLogistic(xs, ys, 50, 1),
    check: (got, { expect, ms }) => {
      const want = reference(xs, ys, 50, 1);
      expect.close(got?.losses, want.losses, { rel: 1e-8, what: "the losses from 50 epochs on 1000 examples with 5 features" });
      expect.close([...(got?.w ?? []), got?.b], [...want.w, want.b], { rel: 1e-8, abs: 1e-10, what: "[w, b] after 50 epochs on 1000 examples" });
      expect.within(ms, 1_500, { what: "50 epochs on 1000 examples" });
    },
  });

  t.test("large logits stay finite", {
    points: 2,
    input: { xs: [[800], [-800], [700], [-900]], ys: [1, 0, 1, 0] },
    run: ({ xs, ys }) => trainLogistic(xs, ys, 10, 1).losses,
    check: (got, { expect }) =>
      expect.close(got, reference([[800], [-800], [700], [-900]], [1, 0, 1, 0], 10, 1).losses, {
        abs: 1e-9,
        what: "the losses on separable data with features near ±800 (log(1 + e^z) overflows for z > 709: use max(z, 0) + log(1 + e^(-|z|)))",
      }),
  });

  t.test("does not change the data", {
    points: 1,
    input: { xs: [[1, 2], [3, 4], [-1, 0]], ys: [1, 1, 0] },
    run: (input) => {
      trainLogistic(input.xs, input.ys, 5, 0.1);
      return null;
    },
    check: (_got, { expect, input, inputAfter }) => expect.unchanged(inputAfter, input, { what: "trainLogistic" }),
  });
});
