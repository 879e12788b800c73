function bceFromLogits(logits: tf.Tensor1D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const p = tf.sigmoid(logits);
    const ones = tf.onesLike(labels);
    return labels.mul(p.log()).add(ones.sub(labels).mul(ones.sub(p).log())).neg().mean() as tf.Scalar;
  });
}
