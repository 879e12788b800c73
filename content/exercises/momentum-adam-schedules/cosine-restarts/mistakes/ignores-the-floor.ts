function cosineRestarts(eta0: number, etaMin: number, period: number, total: number): tf.Tensor1D {
  return tf.tidy(() => {
    const phase = tf.range(0, total).mod(period).div(period);
    return phase.mul(Math.PI).cos().add(1).mul(0.5 * eta0) as tf.Tensor1D;
  });
}
