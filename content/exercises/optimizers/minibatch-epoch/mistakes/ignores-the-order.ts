function miniBatchEpoch(xs: number[], ys: number[], w: number, b: number, rate: number, batchSize: number, order: number[]): number[][] {
  const updates: number[][] = [];
  for (let start = 0; start < xs.length; start += batchSize) {
    const end = Math.min(start + batchSize, xs.length);
    let gw = 0;
    let gb = 0;
    for (let i = start; i < end; i++) {
      const error = w * xs[i] + b - ys[i];
      gw += 2 * error * xs[i];
      gb += 2 * error;
    }
    w -= (rate * gw) / (end - start);
    b -= (rate * gb) / (end - start);
    updates.push([w, b]);
  }
  return updates;
}
