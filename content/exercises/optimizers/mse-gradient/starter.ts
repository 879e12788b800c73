/** The gradient [∂J/∂w, ∂J/∂b] of the mean squared error of the line y = w·x + b on (xs, ys). */
function mseGradient(w: number, b: number, xs: number[], ys: number[]): [number, number] {
  // Your code here.
  return [0, 0];
}
