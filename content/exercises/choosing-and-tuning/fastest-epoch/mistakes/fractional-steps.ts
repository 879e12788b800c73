type Timing = { batchSize: number; msPerStep: number };
function fastestEpoch(m: number, timings: Timing[]): { batchSize: number; seconds: number } {
  let best = { batchSize: NaN, seconds: Infinity };
  for (const { batchSize, msPerStep } of timings) {
    const seconds = ((m / batchSize) * msPerStep) / 1000;
    if (seconds < best.seconds) best = { batchSize, seconds };
  }
  return best;
}
