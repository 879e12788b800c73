function clipGlobalNorm(grads: number[][], maxNorm: number): number[][] {
  return grads.map((g) => {
    const norm = Math.sqrt(g.reduce((sum, x) => sum + x * x, 0));
    return norm > maxNorm ? g.map((x) => (x * maxNorm) / norm) : [...g];
  });
}
