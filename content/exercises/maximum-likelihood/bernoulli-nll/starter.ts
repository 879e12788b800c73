/** Mean negative log-likelihood of the flips (1 = heads) if heads has probability p. */
function bernoulliNll(flips: number[], p: number): number {
  // Your code here.
  return 0;
}
