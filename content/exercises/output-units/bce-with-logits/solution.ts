/** Mean binary cross-entropy of a sigmoid output, from its logits and the 0/1 labels. */
function bceWithLogits(logits: number[], labels: number[]): number {
  /** ζ(a) = log(1 + e^a), never exponentiating a positive number. */
  const softplus = (a: number) => Math.max(a, 0) + Math.log1p(Math.exp(-Math.abs(a)));
  let total = 0;
  for (let i = 0; i < logits.length; i++) total += softplus((1 - 2 * labels[i]) * logits[i]);
  return total / logits.length;
}
