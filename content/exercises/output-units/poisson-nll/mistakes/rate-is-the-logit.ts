function meanPoissonNll(logRates: number[], counts: number[]): number {
  let total = 0;
  for (let i = 0; i < logRates.length; i++) {
    const rate = logRates[i];
    let logFactorial = 0;
    for (let k = 2; k <= counts[i]; k++) logFactorial += Math.log(k);
    total += rate - counts[i] * Math.log(rate) + logFactorial;
  }
  return total / logRates.length;
}
