function bceFromLogits(logits: tf.Tensor1D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const p = tf.sigmoid(logits).clipByValue(1e-7, 1 - 1e-7);
    const ones = tf.onesLike(labels);
    return labels.mul(p.log()).add(ones.sub(labels).mul(ones.sub(p).log())).neg().mean() as tf.Scalar;
  });
}
