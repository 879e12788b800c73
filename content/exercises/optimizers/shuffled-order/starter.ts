/** A permutation of 0..m-1 by the Fisher–Yates shuffle, using uniforms[0], uniforms[1], … in turn. */
function shuffledOrder(m: number, uniforms: number[]): number[] {
  const order = Array.from({ length: m }, (_, i) => i);
  // Your code here: the swaps.
  return order;
}
