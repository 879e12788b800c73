/** Mean binary cross-entropy of a sigmoid output, from its logits and the 0/1 labels. */
function bceWithLogits(logits: number[], labels: number[]): number {
  // Your code here.
  return 0;
}
