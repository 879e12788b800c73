function rowLogSoftmax(logits: tf.Tensor2D): tf.Tensor2D {
  const shifted = logits.sub(logits.max(1, true));
  return shifted.sub(shifted.exp().sum(1, true).log()) as tf.Tensor2D;
}
