type Timing = { batchSize: number; msPerStep: number };
function fastestEpoch(m: number, timings: Timing[]): { batchSize: number; seconds: number } {
  const best = timings.reduce((a, b) => (b.msPerStep < a.msPerStep ? b : a));
  return { batchSize: best.batchSize, seconds: (Math.ceil(m / best.batchSize) * best.msPerStep) / 1000 };
}
