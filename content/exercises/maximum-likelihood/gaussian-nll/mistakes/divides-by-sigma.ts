function gaussianNll(ys: number[], preds: number[], sigma: number): number {
  let squaredError = 0;
  for (let i = 0; i < ys.length; i++) squaredError += (ys[i] - preds[i]) ** 2;
  return 0.5 * Math.log(2 * Math.PI * sigma * sigma) + squaredError / ys.length / (2 * sigma);
}
