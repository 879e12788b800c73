function descendPath(xs: tf.Tensor1D, ys: tf.Tensor1D, start: [number, number], rate: number, steps: number): tf.Tensor2D {
  return tf.tidy(() => {
    const gradJ = tf.grads((w: tf.Tensor, b: tf.Tensor) => xs.mul(w).add(b).sub(ys).square().sum());
    let w: tf.Tensor = tf.scalar(start[0]);
    let b: tf.Tensor = tf.scalar(start[1]);
    const rows: tf.Tensor[] = [tf.stack([w, b])];
    for (let t = 0; t < steps; t++) {
      const [gw, gb] = gradJ([w, b]);
      w = w.sub(gw!.mul(rate));
      b = b.sub(gb!.mul(rate));
      rows.push(tf.stack([w, b]));
    }
    return tf.stack(rows) as tf.Tensor2D;
  });
}
