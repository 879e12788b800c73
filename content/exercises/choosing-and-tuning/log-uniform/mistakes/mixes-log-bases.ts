function logUniform(u: number, low: number, high: number): number {
  return Math.exp(Math.log10(low) + u * (Math.log10(high) - Math.log10(low)));
}
