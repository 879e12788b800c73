/** KL(p ‖ q) in nats, for two probability vectors over the same outcomes. */
function klDivergence(p: number[], q: number[]): number {
  // Your code here.
  return 0;
}
