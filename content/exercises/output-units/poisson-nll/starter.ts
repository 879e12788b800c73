/** Mean negative log-likelihood of the counts under Poisson distributions with rates e^logRates. */
function meanPoissonNll(logRates: number[], counts: number[]): number {
  // Your code here.
  return 0;
}
