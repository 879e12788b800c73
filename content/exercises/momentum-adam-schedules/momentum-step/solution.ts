/** One momentum step: returns the new parameters and the new velocity. */
function momentumStep(theta: number[], velocity: number[], grad: number[], eta: number, beta: number): { theta: number[]; velocity: number[] } {
  const next = velocity.map((v, i) => beta * v - eta * grad[i]!);
  return { theta: theta.map((w, i) => w + next[i]!), velocity: next };
}
