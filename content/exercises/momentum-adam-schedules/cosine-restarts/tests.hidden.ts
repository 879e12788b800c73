// Hidden tests: graded on the server only. This file is read by the grader and never bundled for a page.
import { defineTests } from "@/engine/grading";
import { checkSchedule, type ScheduleCase } from "./tests.visible";

declare function cosineRestarts(eta0: number, etaMin: number, period: number, total: number): unknown;

export default defineTests((t, { rng }) => {
  const constant: ScheduleCase = { eta0: 0.2, etaMin: 0.01, period: 1, total: 6 };
  t.test("a period of one step", {
    points: 1,
    input: constant,
    run: ({ eta0, etaMin, period, total }) => cosineRestarts(eta0, etaMin, period, total),
    check: (got, { expect, expected }) => checkSchedule(expect, got, expected, constant, "cosineRestarts(0.2, 0.01, 1, 6)"),
  });

  const partial: ScheduleCase = { eta0: 0.5, etaMin: 0.05, period: 10, total: 7 };
  t.test("fewer steps than a period", {
    points: 1,
    input: partial,
    run: ({ eta0, etaMin, period, total }) => cosineRestarts(eta0, etaMin, period, total),
    check: (got, { expect, expected }) => checkSchedule(expect, got, expected, partial, "cosineRestarts(0.5, 0.05, 10, 7)"),
  });

  const long: ScheduleCase = { eta0: 0.1, etaMin: 0.001, period: rng.int(200, 900), total: 10_000 };
  t.test("ten thousand steps", {
    points: 2,
    input: long,
    run: ({ eta0, etaMin, period, total }) => cosineRestarts(eta0, etaMin, period, total),
    check: (got, { expect, expected }) => checkSchedule(expect, got, expected, long, `cosineRestarts(0.1, 0.001, ${long.period}, 10000)`),
  });
});
