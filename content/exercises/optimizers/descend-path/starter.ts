/**
 * Full-batch gradient descent on J(w, b) = mean((w x + b - y)²), with the gradient from tf.grads.
 * Returns the path: row 0 is `start`, row t is (w, b) after t steps.
 */
function descendPath(xs: tf.Tensor1D, ys: tf.Tensor1D, start: [number, number], rate: number, steps: number): tf.Tensor2D {
  return tf.tidy(() => {
    const w: tf.Tensor = tf.scalar(start[0]);
    const b: tf.Tensor = tf.scalar(start[1]);
    const rows: tf.Tensor[] = [tf.stack([w, b])];
    // Your code here: `steps` times, take the gradient of J at (w, b) with tf.grads, move both, record the row.
    return tf.stack(rows) as tf.Tensor2D;
  });
}
