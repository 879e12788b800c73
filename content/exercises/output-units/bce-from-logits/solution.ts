/** Mean binary cross-entropy of logits z against labels y: mean(softplus(z) - y z), with a stable softplus. */
function bceFromLogits(logits: tf.Tensor1D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const softplus = tf.relu(logits).add(tf.log1p(tf.exp(logits.abs().neg())));
    return softplus.sub(labels.mul(logits)).mean() as tf.Scalar;
  });
}
