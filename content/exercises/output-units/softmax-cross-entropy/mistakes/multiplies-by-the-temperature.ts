function softmaxCrossEntropy(logits: number[][], labels: number[], temperature: number): number {
  let loss = 0;
  logits.forEach((row, i) => {
    const scaled = row.map((z) => z * temperature);
    const top = Math.max(...scaled);
    const lse = top + Math.log(scaled.reduce((s, v) => s + Math.exp(v - top), 0));
    loss += lse - scaled[labels[i]];
  });
  return loss / logits.length;
}
