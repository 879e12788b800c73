/** The constant prediction with the lowest mean squared ("mse") or mean absolute ("mae") error on ys. */
function bestConstant(ys: number[], loss: "mse" | "mae"): number {
  if (loss === "mse") return ys.reduce((sum, y) => sum + y, 0) / ys.length;
  const sorted = [...ys].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
