function gradientDescent(grad: (theta: number[]) => number[], theta0: number[], rate: number, steps: number): number[][] {
  let theta = [...theta0];
  const path = [theta];
  for (let t = 0; t < steps; t++) {
    const g = grad(theta);
    theta = theta.map((value, k) => value + rate * g[k]);
    path.push(theta);
  }
  return path;
}
