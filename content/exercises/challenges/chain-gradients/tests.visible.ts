// Visible tests: shown to learners and run by **Check** in their browser.
import { defineTests } from "@/engine/grading";

declare function chainGradients(weights: number[], x: number, activation: "sigmoid" | "relu"): number[];

export default defineTests((t, { rng }) => {
  t.test("a ReLU chain", {
    points: 2,
    input: { weights: [2, 0.5, 3], x: 1 },
    run: ({ weights, x }) => chainGradients(weights, x, "relu"),
    check: (got, { expect, expected }) => {
      const what = 'chainGradients([2, 0.5, 3], 1, "relu")';
      expect.that(
        JSON.stringify(got) !== JSON.stringify([1, 2, 1]),
        `${what} gave [1, 2, 1]: going down a layer, the gradient must also multiply by w_l (∂h_l/∂h_{l-1} = φ'(z_l) w_l)`,
      );
      expect.close(got, expected, { abs: 1e-12, what });
    },
  });

  const sigmoidWeights = [1.5, -2, 0.8];
  t.test("a sigmoid chain", {
    points: 2,
    input: { weights: sigmoidWeights, x: 0.7 },
    run: ({ weights, x }) => chainGradients(weights, x, "sigmoid"),
    check: (got, { expect, expected }) => {
      const what = 'chainGradients([1.5, -2, 0.8], 0.7, "sigmoid")';
      const last = Array.isArray(got) ? got[2] : undefined;
      // What the last layer's gradient would be with z(1 - z) in place of σ'(z): dz = z3 (1 - z3), times h2.
      const sigma = (z: number) => 1 / (1 + Math.exp(-z));
      const h2 = sigma(-2 * sigma(1.5 * 0.7));
      const z3 = 0.8 * h2;
      const withZ = z3 * (1 - z3) * h2;
      expect.that(
        !(typeof last === "number" && Math.abs(last - withZ) < 1e-9),
        `${what} looks like it used z(1 - z) as the sigmoid's derivative: it is σ(z)(1 - σ(z)), that is h_l(1 - h_l)`,
      );
      expect.close(got, expected, { rel: 1e-9, what });
    },
  });

  t.test("ten sigmoid layers: the gradient vanishes", {
    points: 1,
    input: { weights: Array.from({ length: 10 }, () => 1), x: 0.5 },
    run: ({ weights, x }) => chainGradients(weights, x, "sigmoid"),
    check: (got, { expect, expected }) => {
      expect.close(got, expected, { rel: 1e-9, what: 'chainGradients on ten sigmoid layers of weight 1 from x = 0.5' });
      const ratio = (got as number[])[0]! / (got as number[])[9]!;
      expect.that(ratio < 0.25 ** 9, `the first layer's gradient should be under 1/4⁹ of the last's, got a ratio of ${ratio.toExponential(2)}`);
    },
  });

  const activation = rng.pick(["sigmoid", "relu"] as const);
  const weights = rng.array(rng.int(4, 7), (r) => Number(r.uniform(0.3, 2.5).toFixed(2)));
  const x = Number(rng.uniform(0.2, 1.5).toFixed(2));
  t.test("your own chain", {
    points: 2,
    input: { weights, x, activation },
    run: ({ weights, x, activation }) => chainGradients(weights, x, activation),
    check: (got, { expect, expected }) =>
      expect.close(got, expected, { rel: 1e-9, abs: 1e-300, what: `chainGradients([${weights.join(", ")}], ${x}, "${activation}")` }),
  });
});
