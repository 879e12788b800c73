function batchGradients(xs: tf.Tensor1D, ys: tf.Tensor1D, w: number, b: number, batchSize: number): tf.Tensor2D {
  const batches = xs.shape[0] / batchSize;
  const x = xs.reshape([batches, batchSize]);
  const y = ys.reshape([batches, batchSize]);
  const r = x.mul(w).add(b).sub(y);
  return tf.stack([r.mul(x).mul(2).mean(1), r.mul(2).mean(1)], 1) as tf.Tensor2D;
}
