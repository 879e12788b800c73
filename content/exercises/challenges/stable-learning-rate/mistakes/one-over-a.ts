function largestStableRate(curvatures: number[]): number {
  return 1 / Math.max(...curvatures);
}
