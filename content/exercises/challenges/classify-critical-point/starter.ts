type CriticalPointKind = "minimum" | "maximum" | "saddle" | "degenerate";

/** What kind of critical point `point` is for the two-parameter loss `f`, from the Hessian's eigenvalues. */
function classifyCriticalPoint(
  f: (p: tf.Tensor1D) => tf.Scalar,
  point: number[],
): { hessian: tf.Tensor2D; eigenvalues: tf.Tensor1D; kind: CriticalPointKind } {
  // Your code here: differentiate tf.grad(f) once more to get each row of the Hessian (inside tf.tidy),
  // then find its eigenvalues and classify the point by their signs.
  const hessian = tf.zeros([2, 2]) as tf.Tensor2D;
  const eigenvalues = tf.zeros([2]) as tf.Tensor1D;
  return { hessian, eigenvalues, kind: "minimum" };
}
