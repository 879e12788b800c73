/** Mean cross-entropy of softmax(logits) against the class indices in labels. */
function meanCrossEntropy(logits: number[][], labels: number[]): number {
  let total = 0;
  for (let i = 0; i < logits.length; i++) {
    const z = logits[i]!;
    // Your code here: the log of the sum of exps of z (computed stably), minus the true class's logit.
    total += 0;
  }
  return total / logits.length;
}
