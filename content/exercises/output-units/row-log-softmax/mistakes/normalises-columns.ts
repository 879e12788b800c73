function rowLogSoftmax(logits: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const shifted = logits.sub(logits.max(0, true));
    return shifted.sub(shifted.exp().sum(0, true).log()) as tf.Tensor2D;
  });
}
