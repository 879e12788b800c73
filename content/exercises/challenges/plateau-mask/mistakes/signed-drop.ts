function plateauMask(losses: tf.Tensor1D, window: number, tol: number): tf.Tensor1D {
  return tf.tidy(() => {
    const n = losses.shape[0];
    if (window >= n) return tf.zeros([n], "bool") as tf.Tensor1D;
    const drop = losses.slice(0, n - window).sub(losses.slice(window));
    return tf.concat([tf.zeros([window], "bool"), drop.less(tol)]) as tf.Tensor1D;
  });
}
