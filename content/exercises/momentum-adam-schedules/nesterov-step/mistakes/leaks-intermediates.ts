function nesterovStep(theta: tf.Tensor1D, accum: tf.Tensor1D, grad: tf.Tensor1D, eta: number, beta: number): [tf.Tensor1D, tf.Tensor1D] {
  const nextAccum = accum.mul(beta).add(grad);
  const nextTheta = theta.sub(grad.add(nextAccum.mul(beta)).mul(eta));
  return [nextTheta as tf.Tensor1D, nextAccum as tf.Tensor1D];
}
