type CriticalPointKind = "minimum" | "maximum" | "saddle" | "degenerate";

/** What kind of critical point `point` is for the two-parameter loss `f`, from the Hessian's eigenvalues. */
function classifyCriticalPoint(
  f: (p: tf.Tensor1D) => tf.Scalar,
  point: number[],
): { hessian: tf.Tensor2D; eigenvalues: tf.Tensor1D; kind: CriticalPointKind } {
  const hessian = tf.tidy(() => {
    const x = tf.tensor1d(point);
    const grad = tf.grad(f as (p: tf.Tensor) => tf.Scalar);
    // Row i: the gradient of the i-th component of the gradient.
    const rows = [0, 1].map((i) => tf.grad((p: tf.Tensor) => grad(p).slice(i, 1).sum())(x));
    const h = tf.stack(rows);
    // Autodiff gives a symmetric matrix up to rounding; averaging with the transpose makes it exact.
    return h.add(h.transpose()).div(2) as tf.Tensor2D;
  });
  const [[a, b], [, d]] = hessian.arraySync() as number[][] as [[number, number], [number, number]];
  const mid = (a + d) / 2;
  const radius = Math.sqrt(((a - d) / 2) ** 2 + b ** 2);
  const low = mid - radius;
  const high = mid + radius;
  const eigenvalues = tf.tensor1d([low, high]);
  const flat = 1e-4;
  let kind: CriticalPointKind;
  if (Math.abs(low) < flat || Math.abs(high) < flat) kind = "degenerate";
  else if (low > 0) kind = "minimum";
  else if (high < 0) kind = "maximum";
  else kind = "saddle";
  return { hessian, eigenvalues, kind };
}
