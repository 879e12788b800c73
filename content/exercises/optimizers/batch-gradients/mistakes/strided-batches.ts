function batchGradients(xs: tf.Tensor1D, ys: tf.Tensor1D, w: number, b: number, batchSize: number): tf.Tensor2D {
  return tf.tidy(() => {
    const batches = xs.shape[0] / batchSize;
    // Reshaped the other way round: batch k gets rows k, k + batches, k + 2 batches, ...
    const x = xs.reshape([batchSize, batches]);
    const y = ys.reshape([batchSize, batches]);
    const r = x.mul(w).add(b).sub(y);
    return tf.stack([r.mul(x).mul(2).mean(0), r.mul(2).mean(0)], 1) as tf.Tensor2D;
  });
}
