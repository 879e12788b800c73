function crossEntropyGrad(logits: number[][], labels: number[]): number[][] {
  const m = logits.length;
  return logits.map((z, i) => {
    const max = Math.max(...z);
    const exps = z.map((zk) => Math.exp(zk - max));
    const sum = exps.reduce((a, b) => a + b, 0);
    return exps.map((e, k) => ((k === labels[i] ? 1 : 0) - e / sum) / m);
  });
}
