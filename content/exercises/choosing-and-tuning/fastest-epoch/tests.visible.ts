// Visible tests: shown to learners and run by **Check** in their browser.
import { defineTests } from "@/engine/grading";

type Timing = { batchSize: number; msPerStep: number };
declare function fastestEpoch(m: number, timings: Timing[]): { batchSize: number; seconds: number };

const list = (timings: Timing[]) => `[${timings.map((x) => `${x.batchSize}: ${x.msPerStep} ms`).join(", ")}]`;

export default defineTests((t, { rng }) => {
  const measured: Timing[] = [
    { batchSize: 1, msPerStep: 0.5 },
    { batchSize: 16, msPerStep: 0.8 },
    { batchSize: 256, msPerStep: 6 },
    { batchSize: 1024, msPerStep: 30 },
  ];
  t.test("a measured machine", {
    points: 3,
    input: { m: 60_000, timings: measured },
    run: ({ m, timings }) => fastestEpoch(m, timings),
    check: (got, { expect, expected }) => {
      const what = `fastestEpoch(60000, ${list(measured)})`;
      expect.that(
        got?.batchSize !== 1,
        `${what} chose batch size 1, the cheapest step, but 60,000 steps of 0.5 ms take 30 s, while batch 256 needs 235 steps of 6 ms = 1.41 s. Compare whole epochs`,
      );
      expect.equal(got?.batchSize, expected.batchSize, { what: `the batch size from ${what}` });
      expect.close(got?.seconds, expected.seconds, { rel: 1e-9, what: `the seconds from ${what}` });
    },
  });

  t.test("a partial last batch", {
    points: 2,
    input: { m: 1000, timings: [{ batchSize: 300, msPerStep: 10 }] },
    run: ({ m, timings }) => fastestEpoch(m, timings),
    check: (got, { expect, expected }) => {
      const what = "fastestEpoch(1000, [300: 10 ms])";
      const seconds = got?.seconds;
      expect.that(
        !(typeof seconds === "number" && Math.abs(seconds - 1000 / 300 / 100) < 1e-9),
        `${what} gave ${typeof seconds === "number" ? seconds.toFixed(4) : seconds} s, for 3.33 steps: 1000 examples in batches of 300 take Math.ceil(1000 / 300) = 4 steps (the last has 100 examples)`,
      );
      expect.close(seconds, expected.seconds, { rel: 1e-9, what: `the seconds from ${what}` });
    },
  });

  const m = rng.int(5, 80) * 1000 + rng.int(1, 999);
  const sizes = [1, 8, 32, 128, 512, 2048];
  const overhead = rng.uniform(0.2, 2);
  const perExample = rng.uniform(0.002, 0.05);
  const timings = sizes.map((batchSize) => ({ batchSize, msPerStep: Number((overhead + perExample * batchSize).toFixed(3)) }));
  t.test("your own machine", {
    points: 2,
    input: { m, timings },
    run: ({ m, timings }) => fastestEpoch(m, timings),
    check: (got, { expect, expected: want }) => {
      const what = `fastestEpoch(${m}, ${list(timings)})`;
      expect.equal(got?.batchSize, want.batchSize, { what: `the batch size from ${what}` });
      expect.close(got?.seconds, want.seconds, { rel: 1e-9, what: `the seconds from ${what}` });
    },
  });
});
