function bestConstant(ys: number[], loss: "mse" | "mae"): number {
  if (loss === "mse") return ys.reduce((sum, y) => sum + y, 0) / ys.length;
  const sorted = ys.sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
