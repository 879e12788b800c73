// Hidden tests: graded on the server only. This file is read by the grader and never bundled for a page.
import { defineTests } from "@/engine/grading";

type AdamState = { theta: number[]; m: number[]; s: number[] };
declare function adamStep(state: AdamState, grad: number[], t: number, eta: number, beta1?: number, beta2?: number, epsilon?: number): AdamState;

export default defineTests((t, { rng }) => {
  // J = (u² + 25 v²) / 2 scaled by a learner's factor: Adam's path does not depend on the scale.
  const start = [Number(rng.uniform(-2, -1).toFixed(2)), Number(rng.uniform(0.5, 1).toFixed(2))];
  const scale = rng.pick([1, 1000]);
  t.test("fifty steps down a valley", {
    points: 3,
    input: { start, scale },
    run: ({ start, scale }) => {
      let st = { theta: start, m: [0, 0], s: [0, 0] };
      for (let step = 1; step <= 50; step++) st = adamStep(st, [scale * st.theta[0]!, scale * 25 * st.theta[1]!], step, 0.05);
      return st.theta;
    },
    check: (got, { expect, expected }) =>
      expect.close(got, expected, { abs: 1e-7, what: `theta after 50 Adam steps (eta 0.05) on ${scale} × (u² + 25v²)/2 from [${start.join(", ")}]` }),
  });

  t.test("a tiny gradient", {
    points: 1,
    input: { g: 1e-7 },
    run: ({ g }) => adamStep({ theta: [0], m: [0], s: [0] }, [g], 1, 0.1),
    check: (got, { expect, expected }) => {
      expect.close(got?.theta, expected.theta, {
        rel: 1e-9,
        what: "theta from adamStep({ theta: [0], m: [0], s: [0] }, [1e-7], 1, 0.1) (add epsilon outside the square root, to the root of sHat)",
      });
    },
  });

  t.test("custom betas", {
    points: 1,
    input: {},
    run: () => adamStep({ theta: [1], m: [0.5], s: [0.25] }, [2], 3, 0.1, 0.5, 0.9, 1e-8),
    check: (got, { expect, expected }) => {
      expect.close(got?.theta, expected.theta, { abs: 1e-9, what: "theta from adamStep({ theta: [1], m: [0.5], s: [0.25] }, [2], 3, 0.1, 0.5, 0.9, 1e-8) (use the betas you are given)" });
    },
  });
});
