/** The learning rate at every step 0..total-1 of cosine decay from eta0 to etaMin, restarted every `period` steps. */
function cosineRestarts(eta0: number, etaMin: number, period: number, total: number): tf.Tensor1D {
  return tf.tidy(() => {
    // Your code here: a constant rate for now. Build the steps with tf.range, then the cosine of each phase.
    return tf.fill([total], eta0) as tf.Tensor1D;
  });
}
