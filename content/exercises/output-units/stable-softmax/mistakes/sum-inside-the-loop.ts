function softmax(logits: number[]): number[] {
  let top = -Infinity;
  for (const z of logits) if (z > top) top = z;
  // The denominator is the same for every entry, but it is recomputed each time.
  return logits.map((z) => Math.exp(z - top) / logits.reduce((sum, v) => sum + Math.exp(v - top), 0));
}
