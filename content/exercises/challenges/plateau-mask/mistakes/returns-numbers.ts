function plateauMask(losses: tf.Tensor1D, window: number, tol: number): tf.Tensor1D {
  return tf.tidy(() => {
    const n = losses.shape[0];
    if (window >= n) return tf.zeros([n]) as tf.Tensor1D;
    const change = losses.slice(window).sub(losses.slice(0, n - window)).abs();
    return tf.concat([tf.zeros([window]), change.less(tol).toFloat()]) as tf.Tensor1D;
  });
}
