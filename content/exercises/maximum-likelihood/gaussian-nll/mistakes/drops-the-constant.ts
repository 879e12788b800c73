function gaussianNll(ys: number[], preds: number[], sigma: number): number {
  let squaredError = 0;
  for (let i = 0; i < ys.length; i++) squaredError += (ys[i] - preds[i]) ** 2;
  return squaredError / ys.length / (2 * sigma * sigma);
}
