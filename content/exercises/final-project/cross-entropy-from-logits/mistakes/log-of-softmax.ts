function meanCrossEntropy(logits: number[][], labels: number[]): number {
  let total = 0;
  for (let i = 0; i < logits.length; i++) {
    const z = logits[i]!;
    const max = Math.max(...z);
    const exps = z.map((zk) => Math.exp(zk - max));
    const sum = exps.reduce((a, b) => a + b, 0);
    total -= Math.log(exps[labels[i]!]! / sum);
  }
  return total / logits.length;
}
