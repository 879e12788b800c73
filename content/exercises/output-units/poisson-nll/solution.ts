/** Mean negative log-likelihood of the counts under Poisson distributions with rates e^logRates. */
function meanPoissonNll(logRates: number[], counts: number[]): number {
  /** log(y!) as a sum of logs: y! itself overflows for y ≥ 171. */
  const logFactorial = (y: number) => {
    let total = 0;
    for (let k = 2; k <= y; k++) total += Math.log(k);
    return total;
  };
  let total = 0;
  for (let i = 0; i < logRates.length; i++) {
    const z = logRates[i];
    const y = counts[i];
    total += Math.exp(z) - y * z + logFactorial(y);
  }
  return total / logRates.length;
}
