function gaussianNll(ys: number[], preds: number[], sigma: number): number {
  let total = 0;
  for (let i = 0; i < ys.length; i++) {
    const density = Math.exp(-((ys[i] - preds[i]) ** 2) / (2 * sigma ** 2)) / Math.sqrt(2 * Math.PI * sigma ** 2);
    total -= Math.log(density);
  }
  return total / ys.length;
}
