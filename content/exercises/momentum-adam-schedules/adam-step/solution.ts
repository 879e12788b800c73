type AdamState = { theta: number[]; m: number[]; s: number[] };

/** Step t (from 1) of Adam: returns the new parameters and the new raw moment estimates. */
function adamStep(state: AdamState, grad: number[], t: number, eta: number, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8): AdamState {
  const m = state.m.map((mi, i) => beta1 * mi + (1 - beta1) * grad[i]!);
  const s = state.s.map((si, i) => beta2 * si + (1 - beta2) * grad[i]! ** 2);
  const theta = state.theta.map((w, i) => {
    const mHat = m[i]! / (1 - beta1 ** t);
    const sHat = s[i]! / (1 - beta2 ** t);
    return w - (eta * mHat) / (Math.sqrt(sHat) + epsilon);
  });
  return { theta, m, s };
}
