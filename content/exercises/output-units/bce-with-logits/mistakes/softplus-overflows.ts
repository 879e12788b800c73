function bceWithLogits(logits: number[], labels: number[]): number {
  let total = 0;
  for (let i = 0; i < logits.length; i++) total += Math.log(1 + Math.exp((1 - 2 * labels[i]) * logits[i]));
  return total / logits.length;
}
