function softmax(logits: number[]): number[] {
  const low = Math.min(...logits);
  const terms = logits.map((z) => Math.exp(z - low));
  const total = terms.reduce((a, b) => a + b, 0);
  return terms.map((t) => t / total);
}
