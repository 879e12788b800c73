type Schedule = { peak: number; minRate: number; warmup: number; total: number };
function warmupCosine(t: number, { peak, minRate, warmup, total }: Schedule): number {
  if (t < warmup) return (peak * (t + 1)) / warmup;
  if (t >= total) return 0;
  const progress = (t - warmup) / (total - warmup);
  return 0.5 * peak * (1 + Math.cos(Math.PI * progress));
}
