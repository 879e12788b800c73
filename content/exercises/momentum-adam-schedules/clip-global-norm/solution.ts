/** Scales all the gradients by one factor so that their global norm is at most maxNorm. */
function clipGlobalNorm(grads: number[][], maxNorm: number): number[][] {
  let squares = 0;
  for (const g of grads) for (const x of g) squares += x * x;
  const norm = Math.sqrt(squares);
  const factor = norm > maxNorm ? maxNorm / norm : 1;
  return grads.map((g) => g.map((x) => x * factor));
}
