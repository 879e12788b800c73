/** Maps u in [0, 1) to a rate between low and high, uniform in log scale. */
function logUniform(u: number, low: number, high: number): number {
  const exponent = Math.log10(low) + u * (Math.log10(high) - Math.log10(low));
  return 10 ** exponent;
}
