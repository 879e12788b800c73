/** One epoch of mini-batch GD on the MSE of y = w·x + b, in the given order; [w, b] after each update. */
function miniBatchEpoch(xs: number[], ys: number[], w: number, b: number, rate: number, batchSize: number, order: number[]): number[][] {
  const updates: number[][] = [];
  // Your code here: for each batch of `order`, average the gradient over the batch, then step.
  return updates;
}
