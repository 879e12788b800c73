function meanPoissonNll(logRates: number[], counts: number[]): number {
  let total = 0;
  for (let i = 0; i < logRates.length; i++) total += Math.exp(logRates[i]) - counts[i] * logRates[i];
  return total / logRates.length;
}
