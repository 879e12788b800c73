/**
 * Maximum likelihood for a Gaussian by gradient descent: minimises the mean NLL over mu and s = log sigma
 * with Adam, from mu = 0, sigma = 1. Returns [mu, sigma] and the NLL before every step.
 */
function fitGaussianMle(ys: tf.Tensor1D, steps: number, rate: number): { params: tf.Tensor1D; nlls: number[] } {
  // Inside tf.tidy, so the scalars the variables are made from are freed (the variables are kept).
  const [mu, s] = tf.tidy(() => [tf.variable(tf.scalar(0)), tf.variable(tf.scalar(0))]);
  const optimizer = tf.train.adam(rate);
  const nlls: number[] = [];
  // Your code here: `steps` times, minimise the mean negative log-likelihood of ys under N(mu, e^(2s))
  // and record the loss before each step.
  const params = tf.tidy(() => tf.stack([mu, s.exp()]) as tf.Tensor1D);
  mu.dispose();
  s.dispose();
  optimizer.dispose();
  return { params, nlls };
}
