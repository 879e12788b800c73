function softmax(logits: number[]): number[] {
  const terms = logits.map((z) => Math.exp(z));
  const total = terms.reduce((a, b) => a + b, 0);
  return terms.map((t) => t / total);
}
