type Timing = { batchSize: number; msPerStep: number };

/** The batch size with the shortest epoch over m examples, and that epoch's length in seconds. */
function fastestEpoch(m: number, timings: Timing[]): { batchSize: number; seconds: number } {
  // Your code here.
  const first = timings[0]!;
  return { batchSize: first.batchSize, seconds: (m * first.msPerStep) / 1000 };
}
