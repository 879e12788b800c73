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
): { W: tf.Variable; b: tf.Variable; losses: number[] } {
  const [, d] = x.shape;
  const [W, b] = tf.tidy(() => [tf.variable(tf.zeros([d, numClasses])), tf.variable(tf.zeros([numClasses]))]);
  const losses: number[] = [];
  // Your code here: `epochs` passes over the rows in batches of `batchSize`, one Adam step per batch on the
  // mean cross-entropy of softmax(x W + b); push each epoch's mean batch loss to `losses`.
  return { W, b, losses };
}
