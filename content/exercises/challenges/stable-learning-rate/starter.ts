/** The learning rate above which gradient descent diverges on J = ½ Σ a_i θ_i². */
function largestStableRate(curvatures: number[]): number {
  // Your code here.
  return 0.1;
}
