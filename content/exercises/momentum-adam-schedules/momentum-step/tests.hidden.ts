// Hidden tests: graded on the server only. This file is read by the grader and never bundled for a page.
import { defineTests } from "@/engine/grading";

declare function momentumStep(theta: number[], velocity: number[], grad: number[], eta: number, beta: number): { theta: number[]; velocity: number[] };

export default defineTests((t, { rng }) => {
  t.test("terminal speed under a constant gradient", {
    points: 2,
    input: { steps: 300 },
    run: ({ steps }) => {
      let state = { theta: [0], velocity: [0] };
      for (let i = 0; i < steps; i++) state = momentumStep(state.theta, state.velocity, [1], 0.1, 0.9);
      return state.velocity;
    },
    check: (got, { expect, expected }) =>
      expect.close(got, expected, { abs: 1e-9, what: "the velocity after 300 momentum steps with gradient 1, eta 0.1, beta 0.9 (it should reach -eta g / (1 - beta))" }),
  });

  const start = [Number(rng.uniform(-3, -1).toFixed(2)), Number(rng.uniform(0.5, 1.5).toFixed(2))];
  t.test("a hundred steps down a narrow valley", {
    points: 3,
    input: { start },
    run: ({ start }) => {
      let state = { theta: start, velocity: start.map(() => 0) };
      for (let i = 0; i < 100; i++) {
        const grad = [state.theta[0]!, 25 * state.theta[1]!];
        state = momentumStep(state.theta, state.velocity, grad, 0.03, 0.9);
      }
      return state.theta;
    },
    check: (got, { expect, expected }) =>
      expect.close(got, expected, { abs: 1e-9, what: `theta after 100 momentum steps on J = (u² + 25v²)/2 from [${start.join(", ")}]` }),
  });
});
