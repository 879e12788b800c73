function mseGradient(w: number, b: number, xs: number[], ys: number[]): [number, number] {
  let dw = 0;
  let db = 0;
  for (let i = 0; i < xs.length; i++) {
    const error = w * xs[i] + b - ys[i];
    dw += 2 * error * xs[i];
    db += 2 * error;
  }
  return [dw, db];
}
