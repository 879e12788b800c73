function momentumStep(theta: number[], velocity: number[], grad: number[], eta: number, beta: number): { theta: number[]; velocity: number[] } {
  // Moves theta first, by the velocity it had before this step.
  const moved = theta.map((w, i) => w + velocity[i]!);
  return { theta: moved, velocity: velocity.map((v, i) => beta * v - eta * grad[i]!) };
}
