/**
 * Maximum likelihood for a Gaussian by gradient descent: minimises the mean NLL over mu and s = log sigma
 * with Adam, from mu = 0, sigma = 1. Returns [mu, sigma] and the NLL before every step.
 */
function fitGaussianMle(ys: tf.Tensor1D, steps: number, rate: number): { params: tf.Tensor1D; nlls: number[] } {
  // Inside tf.tidy, so the scalars the variables are made from are freed (the variables are kept).
  const [mu, s] = tf.tidy(() => [tf.variable(tf.scalar(0)), tf.variable(tf.scalar(0))]);
  const optimizer = tf.train.adam(rate);
  const halfLog2Pi = 0.5 * Math.log(2 * Math.PI);
  const nlls: number[] = [];
  for (let t = 0; t < steps; t++) {
    // minimize(..., true) returns the loss at the parameters before this step's update.
    const cost = optimizer.minimize(() => ys.sub(mu).square().mean().div(s.mul(2).exp().mul(2)).add(s).add(halfLog2Pi) as tf.Scalar, true);
    nlls.push(cost!.dataSync()[0]!);
    cost!.dispose();
  }
  const params = tf.tidy(() => tf.stack([mu, s.exp()]) as tf.Tensor1D);
  mu.dispose();
  s.dispose();
  optimizer.dispose();
  return { params, nlls };
}
