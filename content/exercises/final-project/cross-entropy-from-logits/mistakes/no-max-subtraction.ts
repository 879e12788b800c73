function meanCrossEntropy(logits: number[][], labels: number[]): number {
  let total = 0;
  for (let i = 0; i < logits.length; i++) {
    const z = logits[i]!;
    total += Math.log(z.reduce((sum, zk) => sum + Math.exp(zk), 0)) - z[labels[i]!]!;
  }
  return total / logits.length;
}
