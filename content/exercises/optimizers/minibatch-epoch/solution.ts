/** One epoch of mini-batch GD on the MSE of y = w·x + b, in the given order; [w, b] after each update. */
function miniBatchEpoch(xs: number[], ys: number[], w: number, b: number, rate: number, batchSize: number, order: number[]): number[][] {
  const updates: number[][] = [];
  for (let start = 0; start < order.length; start += batchSize) {
    const batch = order.slice(start, start + batchSize);
    let gw = 0;
    let gb = 0;
    for (const i of batch) {
      const error = w * xs[i] + b - ys[i];
      gw += 2 * error * xs[i];
      gb += 2 * error;
    }
    w -= (rate * gw) / batch.length;
    b -= (rate * gb) / batch.length;
    updates.push([w, b]);
  }
  return updates;
}
