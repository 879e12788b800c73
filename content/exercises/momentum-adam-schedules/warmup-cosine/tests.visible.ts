// Visible tests: shown to learners and run by **Check** in their browser.
import { defineTests } from "@/engine/grading";

type Schedule = { peak: number; minRate: number; warmup: number; total: number };
declare function warmupCosine(t: number, schedule: Schedule): number;

const show = (s: Schedule) => `{ peak: ${s.peak}, minRate: ${s.minRate}, warmup: ${s.warmup}, total: ${s.total} }`;

export default defineTests((t, { rng }) => {
  const s: Schedule = { peak: 0.1, minRate: 0.001, warmup: 10, total: 110 };
  t.test("warm-up climbs in a straight line", {
    points: 2,
    input: { s, steps: [0, 1, 4, 9] },
    run: ({ s, steps }) => steps.map((step) => warmupCosine(step, s)),
    check: (got, { expect, expected }) => {
      expect.that(
        !(Array.isArray(got) && got[0] === 0),
        `warmupCosine(0, ${show(s)}) gave 0: step 0 should already move, with (0 + 1) / warmup of the peak = 0.01`,
      );
      expect.close(got, expected, { abs: 1e-12, what: `warmupCosine at steps [0, 1, 4, 9] with ${show(s)}` });
    },
  });

  t.test("decay starts where warm-up ends", {
    points: 2,
    input: { s, steps: [10, 60] },
    run: ({ s, steps }) => steps.map((step) => warmupCosine(step, s)),
    check: (got, { expect, expected }) => {
      const at10 = Array.isArray(got) ? got[0] : undefined;
      expect.that(
        !(typeof at10 === "number" && at10 < 0.099),
        `warmupCosine(10, ${show(s)}) gave ${typeof at10 === "number" ? at10.toFixed(4) : at10}, below the peak right after warm-up: measure the cosine's progress from the end of warm-up, p = (t - warmup) / (total - warmup)`,
      );
      expect.close(got, expected, { abs: 1e-12, what: `warmupCosine at steps [10, 60] with ${show(s)} (the peak, then halfway down)` });
    },
  });

  t.test("ends at the floor", {
    points: 1,
    input: { s, steps: [110, 500] },
    run: ({ s, steps }) => steps.map((step) => warmupCosine(step, s)),
    check: (got, { expect, expected }) =>
      expect.close(got, expected, { abs: 1e-12, what: `warmupCosine at steps [110, 500] with ${show(s)} (it should stay at minRate)` }),
  });

  const own: Schedule = { peak: rng.pick([0.003, 0.01, 0.3]), minRate: rng.pick([0, 1e-5, 1e-4]), warmup: rng.int(5, 50), total: rng.int(200, 1000) };
  const steps = [0, rng.int(1, own.warmup - 1), own.warmup, rng.int(own.warmup + 1, own.total - 1), own.total];
  t.test("your own schedule", {
    points: 2,
    input: { s: own, steps },
    run: ({ s, steps }) => steps.map((step) => warmupCosine(step, s)),
    check: (got, { expect, expected }) =>
      expect.close(got, expected, { rel: 1e-9, abs: 1e-15, what: `warmupCosine at steps [${steps.join(", ")}] with ${show(own)}` }),
  });
});
