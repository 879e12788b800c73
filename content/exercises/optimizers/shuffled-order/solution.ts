/** A permutation of 0..m-1 by the Fisher–Yates shuffle, using uniforms[0], uniforms[1], … in turn. */
function shuffledOrder(m: number, uniforms: number[]): number[] {
  const order = Array.from({ length: m }, (_, i) => i);
  let next = 0;
  for (let i = m - 1; i > 0; i--) {
    const j = Math.floor(uniforms[next++] * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}
