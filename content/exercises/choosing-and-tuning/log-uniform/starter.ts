/** Maps u in [0, 1) to a rate between low and high, uniform in log scale. */
function logUniform(u: number, low: number, high: number): number {
  // Your code here.
  return low;
}
