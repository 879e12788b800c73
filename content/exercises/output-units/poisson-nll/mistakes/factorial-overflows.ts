function meanPoissonNll(logRates: number[], counts: number[]): number {
  let total = 0;
  for (let i = 0; i < logRates.length; i++) {
    let factorial = 1;
    for (let k = 2; k <= counts[i]; k++) factorial *= k;
    total += Math.exp(logRates[i]) - counts[i] * logRates[i] + Math.log(factorial);
  }
  return total / logRates.length;
}
