/** Probabilities from logits: softmax, computed without overflow. */
function softmax(logits: number[]): number[] {
  // Your code here: exponentiate, then divide by the sum. Is that safe for logits near 1000?
  return logits.map(() => 0);
}
