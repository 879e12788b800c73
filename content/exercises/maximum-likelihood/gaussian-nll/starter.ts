/** Mean negative log-likelihood of ys under Gaussians centred on preds, with standard deviation sigma. */
function gaussianNll(ys: number[], preds: number[], sigma: number): number {
  // Your code here.
  return 0;
}
