/** KL(p ‖ q) in nats, for two probability vectors over the same outcomes. */
function klDivergence(p: number[], q: number[]): number {
  let total = 0;
  for (let i = 0; i < p.length; i++) {
    if (p[i] === 0) continue; // 0 · log 0 = 0
    total += p[i] * Math.log(p[i] / q[i]);
  }
  return total;
}
