/** Log-softmax of each row of a [n, k] batch of logits, shifted by each row's maximum so nothing overflows. */
function rowLogSoftmax(logits: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    // Your code here: this is log(softmax) over the whole batch at once, and it overflows for large logits.
    const terms = logits.exp();
    return terms.div(terms.sum()).log() as tf.Tensor2D;
  });
}
