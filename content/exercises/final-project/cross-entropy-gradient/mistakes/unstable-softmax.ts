function crossEntropyGrad(logits: number[][], labels: number[]): number[][] {
  const m = logits.length;
  return logits.map((z, i) => {
    const exps = z.map((zk) => Math.exp(zk));
    const sum = exps.reduce((a, b) => a + b, 0);
    return exps.map((e, k) => (e / sum - (k === labels[i] ? 1 : 0)) / m);
  });
}
