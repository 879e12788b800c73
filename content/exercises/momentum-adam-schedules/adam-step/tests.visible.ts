// Visible tests: shown to learners and run by **Check** in their browser.
import { defineTests } from "@/engine/grading";

type AdamState = { theta: number[]; m: number[]; s: number[] };
declare function adamStep(state: AdamState, grad: number[], t: number, eta: number, beta1?: number, beta2?: number, epsilon?: number): AdamState;

export default defineTests((t, { rng }) => {
  const first = { state: { theta: [1, 1, 1], m: [0, 0, 0], s: [0, 0, 0] }, grad: [0.02, 3, -500], eta: 0.01 };
  t.test("the first step moves by about eta", {
    points: 3,
    input: first,
    run: ({ state, grad, eta }) => adamStep(state, grad, 1, eta),
    check: (got, { expect, expected }) => {
      const what = "adamStep({ theta: [1, 1, 1], m: [0, 0, 0], s: [0, 0, 0] }, [0.02, 3, -500], 1, 0.01)";
      const theta = got?.theta;
      const moved = Array.isArray(theta) && typeof theta[1] === "number" ? 1 - theta[1] : NaN;
      expect.that(
        !(Math.abs(moved - 0.0316) < 0.001),
        `${what} moved theta[1] by ${moved.toFixed(4)}, about 3.16 times eta: without bias correction m and s are still close to 0 on the first step. Divide them by 1 - beta1^t and 1 - beta2^t`,
      );
      expect.close(theta, expected.theta, { abs: 1e-6, what: `theta from ${what} (every gradient, large or small, should move its parameter by about eta = 0.01)` });
    },
  });

  const later = { state: { theta: [0.5, -0.2], m: [0.3, -0.1], s: [0.02, 0.004] }, grad: [1.5, -0.4], t: 4, eta: 0.05 };
  t.test("returns the raw running averages", {
    points: 2,
    input: later,
    run: ({ state, grad, t, eta }) => adamStep(state, grad, t, eta),
    check: (got, { expect, expected: want }) => {
      const what = "adamStep({ theta: [0.5, -0.2], m: [0.3, -0.1], s: [0.02, 0.004] }, [1.5, -0.4], 4, 0.05)";
      const m0 = got?.m?.[0];
      expect.that(
        !(typeof m0 === "number" && Math.abs(m0 - want.m[0]! / (1 - 0.9 ** 4)) < 1e-9),
        `${what} returned m[0] = ${Number(m0).toPrecision(4)}, the bias-corrected average: return the uncorrected m and s, and use the corrected ones only to move theta`,
      );
      expect.close(got?.m, want.m, { abs: 1e-12, what: `m from ${what}` });
      expect.close(got?.s, want.s, { abs: 1e-12, what: `s from ${what}` });
      expect.close(got?.theta, want.theta, { abs: 1e-9, what: `theta from ${what}` });
    },
  });

  t.test("leaves its inputs as they were", {
    points: 1,
    input: { state: { theta: [1, 2], m: [0.1, 0.2], s: [0.01, 0.02] }, grad: [1, -1] },
    run: (input) => {
      adamStep(input.state, input.grad, 3, 0.1);
      return null;
    },
    check: (_got, { expect, input, inputAfter }) => expect.unchanged(inputAfter, input, { what: "adamStep" }),
  });

  const n = rng.int(2, 4);
  const own = {
    state: {
      theta: rng.array(n, (r) => Number(r.uniform(-1, 1).toFixed(2))),
      m: rng.array(n, (r) => Number(r.uniform(-0.2, 0.2).toFixed(3))),
      s: rng.array(n, (r) => Number(r.uniform(0.001, 0.05).toFixed(4))),
    },
    grad: rng.array(n, (r) => Number(r.uniform(-2, 2).toFixed(2))),
    t: rng.int(2, 20),
    eta: rng.pick([0.001, 0.01, 0.1]),
  };
  t.test("your own step", {
    points: 2,
    input: own,
    run: ({ state, grad, t, eta }) => adamStep(state, grad, t, eta),
    check: (got, { expect, expected: want }) => {
      const what = `adamStep({ theta: [${own.state.theta.join(", ")}], m: [${own.state.m.join(", ")}], s: [${own.state.s.join(", ")}] }, [${own.grad.join(", ")}], ${own.t}, ${own.eta})`;
      expect.close(got?.m, want.m, { abs: 1e-12, what: `m from ${what}` });
      expect.close(got?.s, want.s, { abs: 1e-12, what: `s from ${what}` });
      expect.close(got?.theta, want.theta, { abs: 1e-9, what: `theta from ${what}` });
    },
  });
});
