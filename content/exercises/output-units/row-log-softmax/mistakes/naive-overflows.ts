function rowLogSoftmax(logits: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const terms = logits.exp();
    return terms.div(terms.sum(1, true)).log() as tf.Tensor2D;
  });
}
