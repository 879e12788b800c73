/** The learning rate at every step 0..total-1 of cosine decay from eta0 to etaMin, restarted every `period` steps. */
function cosineRestarts(eta0: number, etaMin: number, period: number, total: number): tf.Tensor1D {
  return tf.tidy(() => {
    const phase = tf.range(0, total).mod(period).div(period); // t mod T, as a fraction of the period
    return phase.mul(Math.PI).cos().add(1).mul(0.5 * (eta0 - etaMin)).add(etaMin) as tf.Tensor1D;
  });
}
