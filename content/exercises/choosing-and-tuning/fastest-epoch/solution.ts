type Timing = { batchSize: number; msPerStep: number };

/** The batch size with the shortest epoch over m examples, and that epoch's length in seconds. */
function fastestEpoch(m: number, timings: Timing[]): { batchSize: number; seconds: number } {
  let best = { batchSize: NaN, seconds: Infinity };
  for (const { batchSize, msPerStep } of timings) {
    const seconds = (Math.ceil(m / batchSize) * msPerStep) / 1000;
    if (seconds < best.seconds) best = { batchSize, seconds };
  }
  return best;
}
