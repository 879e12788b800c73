function clipGlobalNorm(grads: number[][], maxNorm: number): number[][] {
  return grads.map((g) => g.map((x) => Math.max(-maxNorm, Math.min(maxNorm, x))));
}
