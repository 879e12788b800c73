/**
 * One step of Nesterov momentum as tf.train.momentum(eta, beta, true) takes it:
 * a ← β a + g, then θ ← θ − η (g + β a). Returns [θ, a], the new parameters and accumulator.
 */
function nesterovStep(theta: tf.Tensor1D, accum: tf.Tensor1D, grad: tf.Tensor1D, eta: number, beta: number): [tf.Tensor1D, tf.Tensor1D] {
  return tf.tidy(() => {
    const nextAccum = accum.mul(beta).add(grad);
    // Your code here: this is plain momentum; Nesterov also looks ahead by the new accumulator.
    const nextTheta = theta.sub(nextAccum.mul(eta));
    return [nextTheta as tf.Tensor1D, nextAccum as tf.Tensor1D];
  });
}
