function clipGlobalNorm(grads: number[][], maxNorm: number): number[][] {
  let squares = 0;
  for (const g of grads) for (const x of g) squares += x * x;
  const norm = Math.sqrt(squares);
  return grads.map((g) => g.map((x) => (x * maxNorm) / norm));
}
