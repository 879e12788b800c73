/** The learning rate above which gradient descent diverges on J = ½ Σ a_i θ_i². */
function largestStableRate(curvatures: number[]): number {
  let sharpest = 0;
  for (const a of curvatures) sharpest = Math.max(sharpest, a);
  return 2 / sharpest;
}
