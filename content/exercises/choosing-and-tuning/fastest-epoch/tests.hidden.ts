// Hidden tests: graded on the server only. This file is read by the grader and never bundled for a page.
import { defineTests } from "@/engine/grading";

type Timing = { batchSize: number; msPerStep: number };
declare function fastestEpoch(m: number, timings: Timing[]): { batchSize: number; seconds: number };

export default defineTests((t, { rng }) => {
  t.test("ties go to the first", {
    points: 1,
    input: {},
    run: () => fastestEpoch(100, [{ batchSize: 10, msPerStep: 2 }, { batchSize: 20, msPerStep: 4 }, { batchSize: 50, msPerStep: 10 }]),
    check: (got, { expect, expected }) => {
      expect.equal(got?.batchSize, expected.batchSize, { what: "the batch size from fastestEpoch(100, [10: 2 ms, 20: 4 ms, 50: 10 ms]) (all three take 20 ms: keep the first)" });
      expect.close(got?.seconds, expected.seconds, { rel: 1e-9, what: "the seconds" });
    },
  });

  t.test("a batch larger than the data set", {
    points: 1,
    input: {},
    run: () => fastestEpoch(500, [{ batchSize: 100, msPerStep: 3 }, { batchSize: 4096, msPerStep: 12 }]),
    check: (got, { expect, expected }) => expect.equal(got?.batchSize, expected.batchSize, { what: "the batch size from fastestEpoch(500, [100: 3 ms, 4096: 12 ms]) (one step of 12 ms beats five of 3 ms)" }),
  });

  // Rounding decides: without Math.ceil the smaller batch looks faster.
  const b = rng.pick([64, 128, 200]);
  const m = 10 * b + 1;
  t.test("when rounding up decides", {
    points: 2,
    input: { m, b },
    run: ({ m, b }) => fastestEpoch(m, [{ batchSize: b, msPerStep: 1 }, { batchSize: m, msPerStep: 10.5 }]),
    check: (got, { expect, expected }) => {
      expect.equal(got?.batchSize, expected.batchSize, { what: `the batch size from fastestEpoch(${m}, [${b}: 1 ms, ${m}: 10.5 ms]) (${b} needs 11 steps, 11 ms)` });
      expect.close(got?.seconds, expected.seconds, { rel: 1e-9, what: "the seconds" });
    },
  });
});
