// Visible tests: shown to learners and run by **Check** in their browser. They hold no answers: each check
// compares with `expected`, what the reference solution returned for the same call.
import { defineTests, type Expect } from "@/engine/grading";

declare const tf: typeof import("@tensorflow/tfjs-core");
declare function cosineRestarts(eta0: number, etaMin: number, period: number, total: number): unknown;

export interface ScheduleCase {
  eta0: number;
  etaMin: number;
  period: number;
  total: number;
}
type TensorData = { $tensor: number[]; values: unknown };
const valuesOf = (v: unknown): number[] =>
  typeof v === "object" && v !== null && Array.isArray((v as TensorData).$tensor) && Array.isArray((v as TensorData).values) ? ((v as TensorData).values as number[]) : [];
const short = (v: number) => String(Number(Number(v).toPrecision(4)));

/** The schedule, with its landmarks checked first: step 0, each restart, and the floor. */
export function checkSchedule(expect: Expect, got: unknown, expected: unknown, c: ScheduleCase, what: string) {
  const rates = valuesOf(got);
  if (rates.length === c.total) {
    expect.that(Math.abs(rates[0]! - c.eta0) < 1e-6, `${what}[0] is ${short(rates[0]!)}: step 0 starts the first period, so its rate is eta0 = ${c.eta0} (count the steps from 0)`);
    for (let start = c.period; start < c.total; start += c.period) {
      expect.that(
        Math.abs(rates[start]! - c.eta0) < 1e-6,
        `${what}[${start}] is ${short(rates[start]!)}: step ${start} starts a new period, where the rate should jump back to eta0 = ${c.eta0}. Use t mod T, not t, in the cosine`,
      );
    }
    const low = Math.min(...rates);
    expect.that(!(low < c.etaMin - 1e-6), `${what} goes down to ${short(low)}, below etaMin = ${c.etaMin}: the cosine should decay to etaMin, not to 0`);
  }
  expect.tensor(got, expected, { abs: 1e-6, what });
}

const call = (c: ScheduleCase) => `cosineRestarts(${c.eta0}, ${c.etaMin}, ${c.period}, ${c.total})`;

export default defineTests((t, { rng }) => {
  const one: ScheduleCase = { eta0: 0.1, etaMin: 0, period: 4, total: 4 };
  t.test("one period", {
    points: 2,
    input: one,
    run: ({ eta0, etaMin, period, total }) => cosineRestarts(eta0, etaMin, period, total),
    check: (got, { expect, expected }) => checkSchedule(expect, got, expected, one, call(one)),
  });

  const three: ScheduleCase = { eta0: 1, etaMin: 0.1, period: 5, total: 12 };
  t.test("restarts at every period", {
    points: 3,
    input: three,
    run: ({ eta0, etaMin, period, total }) => cosineRestarts(eta0, etaMin, period, total),
    check: (got, { expect, expected }) => checkSchedule(expect, got, expected, three, call(three)),
  });

  const own: ScheduleCase = {
    eta0: rng.pick([0.01, 0.05, 0.1, 0.3]),
    etaMin: rng.pick([0, 0.001, 0.005]),
    period: rng.int(5, 30),
    total: rng.int(40, 120),
  };
  t.test("your own schedule", {
    points: 2,
    input: own,
    run: ({ eta0, etaMin, period, total }) => cosineRestarts(eta0, etaMin, period, total),
    check: (got, { expect, expected }) => checkSchedule(expect, got, expected, own, call(own)),
  });

  t.test("leaves no tensors behind", {
    points: 1,
    input: own,
    run: ({ eta0, etaMin, period, total }) => {
      const before = tf.memory().numTensors;
      cosineRestarts(eta0, etaMin, period, total);
      // Only the schedule may stay.
      return { leaked: tf.memory().numTensors - before - 1 };
    },
    check: (got, { expect }) => expect.noLeaks(got?.leaked, { what: "cosineRestarts" }),
  });
});
