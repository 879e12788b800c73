/** Mean negative log-likelihood of the counts under Poisson distributions with rates e^logRates. */
function poissonNll(logRates: number[], counts: number[]): number {
  // Your code here.
  return 0;
}
