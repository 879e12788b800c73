function bceWithLogits(logits: number[], labels: number[]): number {
  let total = 0;
  for (let i = 0; i < logits.length; i++) {
    const p = 1 / (1 + Math.exp(-logits[i]));
    total += -(labels[i] * Math.log(p) + (1 - labels[i]) * Math.log(1 - p));
  }
  return total / logits.length;
}
