// Visible tests: shown to learners and run by **Check** in their browser.
import { defineTests } from "@/engine/grading";

declare function momentumStep(theta: number[], velocity: number[], grad: number[], eta: number, beta: number): { theta: number[]; velocity: number[] };

type Input = { theta: number[]; velocity: number[]; grad: number[]; eta: number; beta: number };
const describe = ({ theta, velocity, grad, eta, beta }: Input) =>
  `momentumStep([${theta.join(", ")}], [${velocity.join(", ")}], [${grad.join(", ")}], ${eta}, ${beta})`;
export default defineTests((t, { rng }) => {
  const fromRest: Input = { theta: [1, -2], velocity: [0, 0], grad: [2, -4], eta: 0.1, beta: 0.9 };
  t.test("the first step from rest", {
    points: 2,
    input: fromRest,
    run: ({ theta, velocity, grad, eta, beta }) => momentumStep(theta, velocity, grad, eta, beta),
    check: (got, { expect, expected }) => {
      const what = describe(fromRest);
      expect.that(typeof got === "object" && got !== null, `${what} should return { theta, velocity }, got ${String(got)}`);
      const theta = got.theta;
      expect.that(
        !(Array.isArray(theta) && theta[0] === 1 && theta[1] === -2),
        `${what} left theta at [1, -2]: did it move by the old velocity (zero)?. Compute the new velocity first, then add it to theta`,
      );
      expect.that(
        !(Array.isArray(theta) && typeof theta[0] === "number" && theta[0] > 1),
        `${what} goes uphill: theta[0] rose from 1 to ${String(theta?.[0])} although the gradient there is positive. The velocity gets MINUS eta times the gradient`,
      );
      expect.close(got.velocity, expected.velocity, { abs: 1e-12, what: `the velocity from ${what}` });
      expect.close(theta, expected.theta, { abs: 1e-12, what: `theta from ${what}` });
    },
  });

  const moving: Input = { theta: [0.5], velocity: [-0.3], grad: [1], eta: 0.05, beta: 0.9 };
  t.test("a step that keeps some of the old velocity", {
    points: 2,
    input: moving,
    run: ({ theta, velocity, grad, eta, beta }) => momentumStep(theta, velocity, grad, eta, beta),
    check: (got, { expect, expected: want }) => {
      expect.close(got?.velocity, want.velocity, { abs: 1e-12, what: `the velocity from ${describe(moving)}` });
      expect.close(got?.theta, want.theta, { abs: 1e-12, what: `theta from ${describe(moving)}` });
    },
  });

  t.test("leaves its inputs as they were", {
    points: 1,
    input: { theta: [1, 2, 3], velocity: [0.1, 0.2, 0.3], grad: [1, 1, 1], eta: 0.1, beta: 0.9 },
    run: (input) => {
      momentumStep(input.theta, input.velocity, input.grad, input.eta, input.beta);
      return null;
    },
    check: (_got, { expect, input, inputAfter }) => expect.unchanged(inputAfter, input, { what: "momentumStep" }),
  });

  const n = rng.int(3, 5);
  const own: Input = {
    theta: rng.array(n, (r) => Number(r.uniform(-2, 2).toFixed(2))),
    velocity: rng.array(n, (r) => Number(r.uniform(-0.5, 0.5).toFixed(2))),
    grad: rng.array(n, (r) => Number(r.uniform(-3, 3).toFixed(2))),
    eta: rng.pick([0.01, 0.05, 0.1]),
    beta: rng.pick([0.8, 0.9, 0.95]),
  };
  t.test("your own step", {
    points: 2,
    input: own,
    run: ({ theta, velocity, grad, eta, beta }) => momentumStep(theta, velocity, grad, eta, beta),
    check: (got, { expect, expected: want }) => {
      expect.close(got?.velocity, want.velocity, { abs: 1e-12, what: `the velocity from ${describe(own)}` });
      expect.close(got?.theta, want.theta, { abs: 1e-12, what: `theta from ${describe(own)}` });
    },
  });
});
