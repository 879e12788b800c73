/** The constant prediction with the lowest mean squared ("mse") or mean absolute ("mae") error on ys. */
function bestConstant(ys: number[], loss: "mse" | "mae"): number {
  // Your code here.
  return 0;
}
