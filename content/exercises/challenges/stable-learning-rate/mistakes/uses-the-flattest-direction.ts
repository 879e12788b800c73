function largestStableRate(curvatures: number[]): number {
  return 2 / Math.min(...curvatures);
}
