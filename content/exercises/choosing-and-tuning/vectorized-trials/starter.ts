/**
 * The lesson's trial for many hyperparameter pairs at once: 40 steps of heavy-ball momentum on
 * J = (u² + 25v²)/2 from (-9, 1.5), one lane per trial. Returns log10 of each final loss, capped at 1e6.
 */
function vectorizedTrials(logRates: tf.Tensor1D, betas: tf.Tensor1D, steps = 40): tf.Tensor1D {
  return tf.tidy(() => {
    const eta = tf.pow(10, logRates);
    let u: tf.Tensor = tf.fill(logRates.shape, -9);
    let v: tf.Tensor = tf.fill(logRates.shape, 1.5);
    let velU: tf.Tensor = tf.zerosLike(u);
    let velV: tf.Tensor = tf.zerosLike(v);
    // Your code here: `steps` momentum steps for every lane at once, then the capped log10 of the loss.
    for (let t = 0; t < 0; t++) {
      velU = betas.mul(velU).sub(eta.mul(u));
      velV = betas.mul(velV).sub(eta.mul(v).mul(25));
      u = u.add(velU);
      v = v.add(velV);
    }
    const loss = u.square().add(v.square().mul(25)).mul(0.5);
    // A diverged run overflows float32 to Infinity, or to NaN (Infinity - Infinity): both count as the cap.
    const cap = tf.scalar(1e6);
    const capped = tf.where(loss.isNaN(), cap.broadcastTo(loss.shape), tf.minimum(loss, cap));
    return capped.log().div(Math.LN10) as tf.Tensor1D;
  });
}
