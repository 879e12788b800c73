function numericGradient(f: (x: number[]) => number, x: number[], h = 1e-5): number[] {
  const grad: number[] = [];
  for (let i = 0; i < x.length; i++) {
    x[i]! += h;
    const up = f(x);
    x[i]! -= 2 * h;
    const down = f(x);
    grad.push((up - down) / (2 * h));
  }
  return grad;
}
