type CriticalPointKind = "minimum" | "maximum" | "saddle" | "degenerate";
function classifyCriticalPoint(f: (p: tf.Tensor1D) => tf.Scalar, point: number[]): { hessian: tf.Tensor2D; eigenvalues: tf.Tensor1D; kind: CriticalPointKind } {
  const hessian = tf.tidy(() => {
    const x = tf.tensor1d(point);
    const grad = tf.grad(f as (p: tf.Tensor) => tf.Scalar);
    return tf.stack([0, 1].map((i) => tf.grad((p: tf.Tensor) => grad(p).slice(i, 1).sum())(x))) as tf.Tensor2D;
  });
  const [[a], [, d]] = hessian.arraySync() as [[number, number], [number, number]];
  const low = Math.min(a, d);
  const high = Math.max(a, d);
  const eigenvalues = tf.tensor1d([low, high]);
  let kind: CriticalPointKind;
  if (Math.abs(low) < 1e-4 || Math.abs(high) < 1e-4) kind = "degenerate";
  else if (low > 0) kind = "minimum";
  else if (high < 0) kind = "maximum";
  else kind = "saddle";
  return { hessian, eigenvalues, kind };
}
