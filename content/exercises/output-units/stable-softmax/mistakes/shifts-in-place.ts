function softmax(logits: number[]): number[] {
  const top = Math.max(...logits);
  for (let i = 0; i < logits.length; i++) logits[i] -= top;
  const terms = logits.map((z) => Math.exp(z));
  const total = terms.reduce((a, b) => a + b, 0);
  return terms.map((t) => t / total);
}
