function meanCrossEntropy(logits: number[][], labels: number[]): number {
  let total = 0;
  for (let i = 0; i < logits.length; i++) {
    const z = logits[i]!;
    const max = Math.max(...z);
    total += max + Math.log(z.reduce((sum, zk) => sum + Math.exp(zk - max), 0)) - z[labels[i]!]!;
  }
  return total;
}
