/** ∂J/∂logits for the mean softmax cross-entropy: (softmax(z_i) - onehot(y_i)) / m, row by row. */
function crossEntropyGrad(logits: number[][], labels: number[]): number[][] {
  const m = logits.length;
  return logits.map((z, i) => {
    const max = Math.max(...z);
    const exps = z.map((zk) => Math.exp(zk - max));
    const sum = exps.reduce((a, b) => a + b, 0);
    return exps.map((e, k) => (e / sum - (k === labels[i] ? 1 : 0)) / m);
  });
}
