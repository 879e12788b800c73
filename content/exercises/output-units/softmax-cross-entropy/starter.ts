/** Mean cross-entropy of softmax(logits / temperature) against the true class indices. */
function softmaxCrossEntropy(logits: number[][], labels: number[], temperature: number): number {
  // Your code here.
  return 0;
}
