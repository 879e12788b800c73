function fitGaussianMle(ys: tf.Tensor1D, steps: number, rate: number): { params: tf.Tensor1D; nlls: number[] } {
  // Inside tf.tidy, so the scalars the variables are made from are freed (the variables are kept).
  const [mu, s] = tf.tidy(() => [tf.variable(tf.scalar(0)), tf.variable(tf.scalar(0))]);
  const optimizer = tf.train.adam(rate);
  const nlls: number[] = [];
  for (let t = 0; t < steps; t++) {
    const cost = optimizer.minimize(() => ys.sub(mu).square().mean().div(s.mul(2).exp().mul(2)).add(s).add(0.5 * Math.log(2 * Math.PI)) as tf.Scalar, true);
    nlls.push(cost!.dataSync()[0]!);
    cost!.dispose();
  }
  // mu, s and Adam's moment estimates stay allocated.
  return { params: tf.tidy(() => tf.stack([mu, s.exp()]) as tf.Tensor1D), nlls };
}
