function miniBatchEpoch(xs: number[], ys: number[], w: number, b: number, rate: number, batchSize: number, order: number[]): number[][] {
  const updates: number[][] = [];
  for (let start = 0; start < order.length; start += batchSize) {
    const batch = order.slice(start, start + batchSize);
    let gw = 0;
    for (const i of batch) gw += 2 * (w * xs[i] + b - ys[i]) * xs[i];
    w -= (rate * gw) / batch.length;
    let gb = 0;
    for (const i of batch) gb += 2 * (w * xs[i] + b - ys[i]);
    b -= (rate * gb) / batch.length;
    updates.push([w, b]);
  }
  return updates;
}
