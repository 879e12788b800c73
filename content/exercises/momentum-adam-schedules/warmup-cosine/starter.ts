type Schedule = { peak: number; minRate: number; warmup: number; total: number };

/** The learning rate at step t (from 0): linear warm-up, then cosine decay to minRate at step total. */
function warmupCosine(t: number, { peak, minRate, warmup, total }: Schedule): number {
  // Your code here.
  return peak;
}
