type TrainingOptions = { epochs: number; batchSize: number; rate: number };

/**
 * Softmax regression (logits = x W + b) trained by mini-batch Adam on the mean cross-entropy. Batches
 * are consecutive slices of the rows, in order, the last one possibly smaller. Returns the weights and
 * the mean batch loss of every epoch.
 */
function trainSoftmaxRegression(
  x: tf.Tensor2D,
  labels: tf.Tensor1D,
  numClasses: number,
  { epochs, batchSize, rate }: TrainingOptions,
): { W: number[][]; b: number[]; losses: number[] } {
  const [m, d] = x.shape;
  const [W, b] = tf.tidy(() => [tf.variable(tf.zeros([d, numClasses])), tf.variable(tf.zeros([numClasses]))]);
  const targets = tf.oneHot(labels, numClasses);
  const optimizer = tf.train.adam(rate);
  const losses: number[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    let total = 0;
    let batches = 0;
    for (let start = 0; start < m; start += batchSize) {
      const size = Math.min(batchSize, m - start);
      const cost = tf.tidy(() => {
        const xb = x.slice([start, 0], [size, d]);
        const yb = targets.slice([start, 0], [size, numClasses]);
        return optimizer.minimize(() => tf.logSoftmax(xb.matMul(W).add(b)).mul(yb).sum(1).mean().neg() as tf.Scalar, true) as tf.Scalar;
      });
      total += cost!.dataSync()[0]!;
      batches += 1;
      cost!.dispose();
    }
    losses.push(total / batches);
  }
  targets.dispose();
  optimizer.dispose();
  // Plain arrays are easier to print, but the caller wanted the trained tensors.
  return { W: W.arraySync() as number[][], b: b.arraySync() as number[], losses };
}
