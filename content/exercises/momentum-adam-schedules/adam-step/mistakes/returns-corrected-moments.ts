type AdamState = { theta: number[]; m: number[]; s: number[] };
function adamStep(state: AdamState, grad: number[], t: number, eta: number, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8): AdamState {
  const m = state.m.map((mi, i) => (beta1 * mi + (1 - beta1) * grad[i]!) / (1 - beta1 ** t));
  const s = state.s.map((si, i) => (beta2 * si + (1 - beta2) * grad[i]! ** 2) / (1 - beta2 ** t));
  const theta = state.theta.map((w, i) => w - (eta * m[i]!) / (Math.sqrt(s[i]!) + epsilon));
  return { theta, m, s };
}
