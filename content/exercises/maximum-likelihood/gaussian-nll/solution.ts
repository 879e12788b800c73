/** Mean negative log-likelihood of ys under Gaussians centred on preds, with standard deviation sigma. */
function gaussianNll(ys: number[], preds: number[], sigma: number): number {
  const variance = sigma * sigma;
  let squaredError = 0;
  for (let i = 0; i < ys.length; i++) squaredError += (ys[i] - preds[i]) ** 2;
  return 0.5 * Math.log(2 * Math.PI * variance) + squaredError / ys.length / (2 * variance);
}
