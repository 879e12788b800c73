/** Probabilities from logits: softmax, computed without overflow. */
function softmax(logits: number[]): number[] {
  let top = -Infinity;
  for (const z of logits) if (z > top) top = z;
  const terms = logits.map((z) => Math.exp(z - top));
  let total = 0;
  for (const t of terms) total += t;
  return terms.map((t) => t / total);
}
