type Schedule = { peak: number; minRate: number; warmup: number; total: number };
function warmupCosine(t: number, { peak, minRate, warmup, total }: Schedule): number {
  if (t < warmup) return (peak * t) / warmup;
  if (t >= total) return minRate;
  const progress = (t - warmup) / (total - warmup);
  return minRate + 0.5 * (peak - minRate) * (1 + Math.cos(Math.PI * progress));
}
