function numericGradient(f: (x: number[]) => number, x: number[], h = 1e-5): number[] {
  const base = f(x);
  return x.map((_, i) => {
    const up = [...x];
    up[i]! += h;
    return (f(up) - base) / h;
  });
}
