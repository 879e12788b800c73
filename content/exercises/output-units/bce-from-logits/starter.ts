/** Mean binary cross-entropy of logits z against labels y: mean(softplus(z) - y z), with a stable softplus. */
function bceFromLogits(logits: tf.Tensor1D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    // Your code here: softplus(z) - y z, averaged over the batch, with a softplus that never overflows.
    return tf.scalar(0);
  });
}
