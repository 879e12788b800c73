function bceFromLogits(logits: tf.Tensor1D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const softplus = tf.relu(logits).add(tf.log1p(tf.exp(logits.abs().neg())));
    return softplus.sub(labels.mul(logits)).sum() as tf.Scalar;
  });
}
