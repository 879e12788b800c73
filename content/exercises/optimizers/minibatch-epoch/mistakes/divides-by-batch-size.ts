function miniBatchEpoch(xs: number[], ys: number[], w: number, b: number, rate: number, batchSize: number, order: number[]): number[][] {
  const updates: number[][] = [];
  for (let start = 0; start < order.length; start += batchSize) {
    let gw = 0;
    let gb = 0;
    for (const i of order.slice(start, start + batchSize)) {
      const error = w * xs[i] + b - ys[i];
      gw += 2 * error * xs[i];
      gb += 2 * error;
    }
    w -= (rate * gw) / batchSize;
    b -= (rate * gb) / batchSize;
    updates.push([w, b]);
  }
  return updates;
}
