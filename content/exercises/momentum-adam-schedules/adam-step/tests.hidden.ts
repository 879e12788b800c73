// Hidden tests: graded on the server only. This file is read by the grader and never bundled for a page.
import { defineTests } from "@/engine/grading";

type AdamState = { theta: number[]; m: number[]; s: number[] };
declare function adamStep(state: AdamState, grad: number[], t: number, eta: number, beta1?: number, beta2?: number, epsilon?: number): AdamState;

export default defineTests((t, { rng }) => {
  // J = (u² + 25 v²) / 2 scaled by a learner's factor: Adam's path does not depend on the scale.
  const start = [Number(rng.uniform(-2, -1).toFixed(2)), Number(rng.uniform(0.5, 1).toFixed(2))];
  const scale = rng.pick([1, 1000]);
  let state: AdamState = { theta: [...start], m: [0, 0], s: [0, 0] };
  for (let step = 1; step <= 50; step++) {
    const g = [scale * state.theta[0]!, scale * 25 * state.theta[1]!];
    const m = state.m.map((x, i) => 0.9 * x + 0.1 * g[i]!);
    const s = state.s.map((x, i) => 0.999 * x + 0.001 * g[i]! ** 2);
    state = { theta: state.theta.map((w, i) => w - (0.05 * (m[i]! / (1 - 0.9 ** step))) / (Math.sqrt(s[i]! / (1 - 0.999 ** step)) + 1e-8)), m, s };
  }
  t.test("fifty steps down a valley", {
    points: 3,
    input: { start, scale },
    run: ({ start, scale }) => {
      let st = { theta: start, m: [0, 0], s: [0, 0] };
      for (let step = 1; step <= 50; step++) st = adamStep(st, [scale * st.theta[0]!, scale * 25 * st.theta[1]!], step, 0.05);
      return st.theta;
    },
    check: (got, { expect }) =>
      expect.close(got, state.theta, { abs: 1e-7, what: `theta after 50 Adam steps (eta 0.05) on ${scale} × (u² + 25v²)/2 from [${start.join(", ")}]` }),
  });

  t.test("a tiny gradient", {
    points: 1,
    input: { g: 1e-7 },
    run: ({ g }) => adamStep({ theta: [0], m: [0], s: [0] }, [g], 1, 0.1),
    check: (got, { expect }) => {
      const want = -0.1 * (1e-7 / (1e-7 + 1e-8));
      expect.close(got?.theta, [want], {
        rel: 1e-9,
        what: "theta from adamStep({ theta: [0], m: [0], s: [0] }, [1e-7], 1, 0.1) (add epsilon outside the square root, to the root of sHat)",
      });
    },
  });

  t.test("custom betas", {
    points: 1,
    input: {},
    run: () => adamStep({ theta: [1], m: [0.5], s: [0.25] }, [2], 3, 0.1, 0.5, 0.9, 1e-8),
    check: (got, { expect }) => {
      const m = 0.5 * 0.5 + 0.5 * 2;
      const s = 0.9 * 0.25 + 0.1 * 4;
      const theta = 1 - (0.1 * (m / (1 - 0.5 ** 3))) / (Math.sqrt(s / (1 - 0.9 ** 3)) + 1e-8);
      expect.close(got?.theta, [theta], { abs: 1e-9, what: "theta from adamStep({ theta: [1], m: [0.5], s: [0.25] }, [2], 3, 0.1, 0.5, 0.9, 1e-8) (use the betas you are given)" });
    },
  });
});
