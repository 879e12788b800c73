/**
 * The gradient of the mean squared error of the line w x + b on every mini-batch at once: the rows are cut
 * into consecutive batches of `batchSize`, and row k of the answer is [dJ/dw, dJ/db] on batch k.
 */
function batchGradients(xs: tf.Tensor1D, ys: tf.Tensor1D, w: number, b: number, batchSize: number): tf.Tensor2D {
  return tf.tidy(() => {
    const batches = xs.shape[0] / batchSize;
    const x = xs.reshape([batches, batchSize]);
    const y = ys.reshape([batches, batchSize]);
    // One copy of (w, b) per batch: the gradient with respect to copy k is the gradient on batch k.
    const perBatchLoss = (wk: tf.Tensor, bk: tf.Tensor) =>
      x.mul(wk.reshape([batches, 1])).add(bk.reshape([batches, 1])).sub(y).square().mean(1).sum();
    const [gw, gb] = tf.grads(perBatchLoss)([tf.fill([batches], w), tf.fill([batches], b)]);
    return tf.stack([gw!, gb!], 1) as tf.Tensor2D;
  });
}
