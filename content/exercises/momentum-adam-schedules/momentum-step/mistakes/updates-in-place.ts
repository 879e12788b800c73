function momentumStep(theta: number[], velocity: number[], grad: number[], eta: number, beta: number): { theta: number[]; velocity: number[] } {
  for (let i = 0; i < theta.length; i++) {
    velocity[i] = beta * velocity[i]! - eta * grad[i]!;
    theta[i] = theta[i]! + velocity[i]!;
  }
  return { theta, velocity };
}
