function plateauMask(losses: tf.Tensor1D, window: number, tol: number): tf.Tensor1D {
  return tf.tidy(() => {
    const n = losses.shape[0];
    if (window >= n) return tf.zeros([n], "bool") as tf.Tensor1D;
    const change = losses.slice(window).sub(losses.slice(window - 1, n - window)).abs();
    return tf.concat([tf.zeros([window], "bool"), change.less(tol)]) as tf.Tensor1D;
  });
}
