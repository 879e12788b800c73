function mseGradient(w: number, b: number, xs: number[], ys: number[]): [number, number] {
  let db = 0;
  for (let i = 0; i < xs.length; i++) db += 2 * (w * xs[i] + b - ys[i]);
  return [db / xs.length, db / xs.length];
}
