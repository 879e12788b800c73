/** Mean cross-entropy of softmax(logits) against the class indices in labels. */
function meanCrossEntropy(logits: number[][], labels: number[]): number {
  let total = 0;
  for (let i = 0; i < logits.length; i++) {
    const z = logits[i]!;
    const max = Math.max(...z);
    const logSumExp = max + Math.log(z.reduce((sum, zk) => sum + Math.exp(zk - max), 0));
    total += logSumExp - z[labels[i]!]!;
  }
  return total / logits.length;
}
