function gradientDescent(grad: (theta: number[]) => number[], theta0: number[], rate: number, steps: number): number[][] {
  const theta = theta0;
  const path = [theta];
  for (let t = 0; t < steps; t++) {
    const g = grad(theta);
    for (let k = 0; k < theta.length; k++) theta[k] -= rate * g[k];
    path.push(theta);
  }
  return path;
}
