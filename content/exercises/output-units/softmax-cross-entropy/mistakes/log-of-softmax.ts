function softmaxCrossEntropy(logits: number[][], labels: number[], temperature: number): number {
  let loss = 0;
  logits.forEach((row, i) => {
    const exps = row.map((z) => Math.exp(z / temperature));
    const total = exps.reduce((a, b) => a + b, 0);
    loss -= Math.log(exps[labels[i]] / total);
  });
  return loss / logits.length;
}
