function descendPath(xs: tf.Tensor1D, ys: tf.Tensor1D, start: [number, number], rate: number, steps: number): tf.Tensor2D {
  return tf.tidy(() => {
    const J = (w: tf.Tensor, b: tf.Tensor) => xs.mul(w).add(b).sub(ys).square().mean();
    let w: tf.Tensor = tf.scalar(start[0]);
    let b: tf.Tensor = tf.scalar(start[1]);
    const rows: tf.Tensor[] = [tf.stack([w, b])];
    for (let t = 0; t < steps; t++) {
      const bNow = b;
      w = w.sub(tf.grad((v: tf.Tensor) => J(v, bNow))(w).mul(rate));
      // b's gradient is taken at the NEW w.
      const wNew = w;
      b = b.sub(tf.grad((v: tf.Tensor) => J(wNew, v))(b).mul(rate));
      rows.push(tf.stack([w, b]));
    }
    return tf.stack(rows) as tf.Tensor2D;
  });
}
