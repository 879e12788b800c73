// Hidden tests: graded on the server only. This file is read by the grader and never bundled for a page.
import { defineTests } from "@/engine/grading";

declare function chainGradients(weights: number[], x: number, activation: "sigmoid" | "relu"): number[];

export default defineTests((t, { rng }) => {
  const weights = rng.array(30, (r) => Number(r.uniform(-3, 3).toFixed(3)));
  for (const activation of ["sigmoid", "relu"] as const) {
    t.test(`thirty ${activation} layers`, {
      points: 2,
      input: { weights, activation },
      run: ({ weights, activation }) => chainGradients(weights, 0.9, activation),
      check: (got, { expect, expected }) =>
        expect.close(got, expected, { rel: 1e-8, abs: 1e-300, what: `chainGradients on thirty ${activation} layers` }),
    });
  }

  t.test("a dead ReLU stops the gradient below it", {
    points: 1,
    input: {},
    run: () => chainGradients([1, -1, 2, 2], 1, "relu"),
    check: (got, { expect }) => expect.close(got, [0, 0, 0, 0], { abs: 0, what: 'chainGradients([1, -1, 2, 2], 1, "relu") (the second unit is off: nothing flows through it)' }),
  });

  t.test("agrees with finite differences", {
    points: 2,
    input: { weights: [0.9, -1.4, 2.2, 0.6, -0.7], x: 1.3 },
    run: ({ weights, x }) => chainGradients(weights, x, "sigmoid"),
    check: (got, { expect }) => {
      const weights = [0.9, -1.4, 2.2, 0.6, -0.7];
      const out = (ws: number[]) => ws.reduce((h, w) => 1 / (1 + Math.exp(-w * h)), 1.3);
      const numeric = weights.map((_, l) => {
        const up = [...weights];
        const down = [...weights];
        up[l]! += 1e-6;
        down[l]! -= 1e-6;
        return (out(up) - out(down)) / 2e-6;
      });
      expect.close(got, numeric, { abs: 1e-8, what: 'chainGradients([0.9, -1.4, 2.2, 0.6, -0.7], 1.3, "sigmoid") against finite differences' });
    },
  });
});
