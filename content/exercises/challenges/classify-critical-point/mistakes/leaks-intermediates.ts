type CriticalPointKind = "minimum" | "maximum" | "saddle" | "degenerate";
function classifyCriticalPoint(f: (p: tf.Tensor1D) => tf.Scalar, point: number[]): { hessian: tf.Tensor2D; eigenvalues: tf.Tensor1D; kind: CriticalPointKind } {
  const x = tf.tensor1d(point);
  const grad = tf.grad(f as (p: tf.Tensor) => tf.Scalar);
  const rows = [0, 1].map((i) => tf.grad((p: tf.Tensor) => grad(p).slice(i, 1).sum())(x));
  const hessian = tf.stack(rows) as tf.Tensor2D;
  const [[a, b], [, d]] = hessian.arraySync() as [[number, number], [number, number]];
  const radius = Math.sqrt(((a - d) / 2) ** 2 + b ** 2);
  const low = (a + d) / 2 - radius;
  const high = (a + d) / 2 + radius;
  const eigenvalues = tf.tensor1d([low, high]);
  let kind: CriticalPointKind;
  if (Math.abs(low) < 1e-4 || Math.abs(high) < 1e-4) kind = "degenerate";
  else if (low > 0) kind = "minimum";
  else if (high < 0) kind = "maximum";
  else kind = "saddle";
  return { hessian, eigenvalues, kind };
}
