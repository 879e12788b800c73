function chainGradients(weights: number[], x: number, activation: "sigmoid" | "relu"): number[] {
  const phi = (z: number) => (activation === "sigmoid" ? 1 / (1 + Math.exp(-z)) : Math.max(0, z));
  const dphi = (z: number) => (activation === "sigmoid" ? phi(z) * (1 - phi(z)) : z > 0 ? 1 : 0);
  const hs = [x];
  const zs: number[] = [];
  for (const w of weights) {
    zs.push(w * hs[hs.length - 1]!);
    hs.push(phi(zs[zs.length - 1]!));
  }
  const grads = weights.map(() => 0);
  let delta = 1;
  for (let l = weights.length - 1; l >= 0; l--) {
    const dz = delta * dphi(zs[l]!);
    grads[l] = dz * hs[l]!;
    delta = dz;
  }
  return grads;
}
