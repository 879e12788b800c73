function bceWithLogits(logits: number[], labels: number[]): number {
  const softplus = (a: number) => Math.max(a, 0) + Math.log(1 + Math.exp(-Math.abs(a)));
  let total = 0;
  for (let i = 0; i < logits.length; i++) total += softplus((1 - 2 * labels[i]) * logits[i]);
  return total / logits.length;
}
