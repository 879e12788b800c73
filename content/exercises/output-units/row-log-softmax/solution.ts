/** Log-softmax of each row of a [n, k] batch of logits, shifted by each row's maximum so nothing overflows. */
function rowLogSoftmax(logits: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const shifted = logits.sub(logits.max(1, true));
    return shifted.sub(shifted.exp().sum(1, true).log()) as tf.Tensor2D;
  });
}
