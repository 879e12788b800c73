function vectorizedTrials(logRates: tf.Tensor1D, betas: tf.Tensor1D, steps = 40): tf.Tensor1D {
  // One small tensor computation per trial: correct, but the per-op overhead is paid n times over.
  const rates = Array.from(logRates.dataSync());
  const momenta = Array.from(betas.dataSync());
  const scores = rates.map((logRate, i) =>
    tf.tidy(() => {
      const eta = tf.scalar(10 ** logRate);
      const beta = tf.scalar(momenta[i]!);
      let u: tf.Tensor = tf.scalar(-9);
      let v: tf.Tensor = tf.scalar(1.5);
      let velU: tf.Tensor = tf.scalar(0);
      let velV: tf.Tensor = tf.scalar(0);
      for (let t = 0; t < steps; t++) {
        velU = beta.mul(velU).sub(eta.mul(u));
        velV = beta.mul(velV).sub(eta.mul(v).mul(25));
        u = u.add(velU);
        v = v.add(velV);
      }
      const loss = u.square().add(v.square().mul(25)).mul(0.5).dataSync()[0]!;
      return Math.log10(Number.isNaN(loss) ? 1e6 : Math.min(loss, 1e6));
    }),
  );
  return tf.tensor1d(scores);
}
