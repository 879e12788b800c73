function mseGradient(w: number, b: number, xs: number[], ys: number[]): [number, number] {
  let dw = 0;
  let db = 0;
  for (let i = 0; i < xs.length; i++) {
    const error = w * xs[i] + b - ys[i];
    dw += error * xs[i];
    db += error;
  }
  return [dw / xs.length, db / xs.length];
}
