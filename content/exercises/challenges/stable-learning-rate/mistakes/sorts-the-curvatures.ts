function largestStableRate(curvatures: number[]): number {
  const sharpest = curvatures.sort((a, b) => b - a)[0]!;
  return 2 / sharpest;
}
