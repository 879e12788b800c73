/** Logistic regression by full-batch gradient descent from w = 0, b = 0; one recorded loss per epoch. */
function trainLogistic(xs: number[][], ys: number[], epochs: number, eta: number): { w: number[]; b: number; losses: number[] } {
  const m = xs.length;
  const w = xs[0]!.map(() => 0);
  let b = 0;
  const losses: number[] = [];
  const softplus = (z: number) => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
  for (let epoch = 0; epoch < epochs; epoch++) {
    const gradW = w.map(() => 0);
    let gradB = 0;
    let loss = 0;
    xs.forEach((x, i) => {
      const z = x.reduce((s, xj, j) => s + xj * w[j]!, b);
      const p = 1 / (1 + Math.exp(-z));
      loss += softplus(z) - ys[i]! * z;
      const error = p - ys[i]!;
      x.forEach((xj, j) => (gradW[j]! += error * xj));
      gradB += error;
    });
    losses.push(loss / m);
    w.forEach((_, j) => (w[j]! -= (eta * gradW[j]!) / m));
    b -= (eta * gradB) / m;
  }
  return { w, b, losses };
}
