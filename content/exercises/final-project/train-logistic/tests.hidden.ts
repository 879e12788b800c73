// Hidden tests: graded on the server only. This file is read by the grader and never bundled for a page.
import { defineTests } from "@/engine/grading";

declare function trainLogistic(xs: number[][], ys: number[], epochs: number, eta: number): { w: number[]; b: number; losses: number[] };

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
    check: (got, { expect, expected: want, ms }) => {
      expect.close(got?.losses, want.losses, { rel: 1e-8, what: "the losses from 50 epochs on 1000 examples with 5 features" });
      expect.close([...(got?.w ?? []), got?.b], [...want.w, want.b], { rel: 1e-8, abs: 1e-10, what: "[w, b] after 50 epochs on 1000 examples" });
      expect.within(ms, 1_500, { what: "50 epochs on 1000 examples" });
    },
  });

  t.test("large logits stay finite", {
    points: 2,
    input: { xs: [[800], [-800], [700], [-900]], ys: [1, 0, 1, 0] },
    run: ({ xs, ys }) => trainLogistic(xs, ys, 10, 1).losses,
    check: (got, { expect, expected }) =>
      expect.close(got, expected, {
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
