// Hidden tests: graded on the server only. This file is read by the grader and never bundled for a page.
import { defineTests } from "@/engine/grading";

type Schedule = { peak: number; minRate: number; warmup: number; total: number };
declare function warmupCosine(t: number, schedule: Schedule): number;

export default defineTests((t, { rng }) => {
  const s: Schedule = { peak: 0.05, minRate: rng.pick([0, 0.0005]), warmup: rng.int(20, 100), total: 1000 };
  t.test("every step of a long schedule", {
    points: 3,
    input: { s },
    run: ({ s }) => Array.from({ length: 1100 }, (_, step) => warmupCosine(step, s)),
    check: (got, { expect, expected }) =>
      expect.close(got, expected, { rel: 1e-9, abs: 1e-15, what: `warmupCosine over steps 0 to 1099 with warmup ${s.warmup}, total 1000, peak 0.05, minRate ${s.minRate}` }),
  });

  t.test("no warm-up", {
    points: 1,
    input: {},
    run: () => [0, 50, 100].map((step) => warmupCosine(step, { peak: 1, minRate: 0, warmup: 0, total: 100 })),
    check: (got, { expect, expected }) =>
      expect.close(got, expected, { abs: 1e-12, what: "warmupCosine at steps [0, 50, 100] with { peak: 1, minRate: 0, warmup: 0, total: 100 }" }),
  });
});
