type Schedule = { peak: number; minRate: number; warmup: number; total: number };
function warmupCosine(t: number, { peak, minRate, warmup, total }: Schedule): number {
  if (t < warmup) return (peak * (t + 1)) / warmup;
  if (t >= total) return minRate;
  return minRate + 0.5 * (peak - minRate) * (1 + Math.cos((Math.PI * t) / total));
}
