type Schedule = { peak: number; minRate: number; warmup: number; total: number };

/** The learning rate at step t (from 0): linear warm-up, then cosine decay to minRate at step total. */
function warmupCosine(t: number, { peak, minRate, warmup, total }: Schedule): number {
  if (t < warmup) return (peak * (t + 1)) / warmup;
  if (t >= total) return minRate;
  const progress = (t - warmup) / (total - warmup);
  return minRate + 0.5 * (peak - minRate) * (1 + Math.cos(Math.PI * progress));
}
