function nesterovStep(theta: tf.Tensor1D, accum: tf.Tensor1D, grad: tf.Tensor1D, eta: number, beta: number): [tf.Tensor1D, tf.Tensor1D] {
  return tf.tidy(() => {
    // The lesson's velocity form, v ← βv − ηg, kept in place of tf's accumulator.
    const velocity = accum.mul(beta).sub(grad.mul(eta));
    const nextTheta = theta.add(velocity.mul(beta)).sub(grad.mul(eta));
    return [nextTheta as tf.Tensor1D, velocity as tf.Tensor1D];
  });
}
