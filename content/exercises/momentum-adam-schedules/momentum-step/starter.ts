/** One momentum step: returns the new parameters and the new velocity. */
function momentumStep(theta: number[], velocity: number[], grad: number[], eta: number, beta: number): { theta: number[]; velocity: number[] } {
  // Your code here: first the new velocity, then move theta by it.
  return { theta: [...theta], velocity: [...velocity] };
}
