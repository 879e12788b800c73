function logUniform(u: number, low: number, high: number): number {
  return low + u * (high - low);
}
