/** ∂h_L/∂w_l for every layer l of the chain h_l = φ(w_l h_{l-1}), h_0 = x. */
function chainGradients(weights: number[], x: number, activation: "sigmoid" | "relu"): number[] {
  const phi = (z: number) => (activation === "sigmoid" ? 1 / (1 + Math.exp(-z)) : Math.max(0, z));
  const hs = [x];
  for (const w of weights) hs.push(phi(w * hs[hs.length - 1]!));
  // Your code here: walk back from the output, layer by layer.
  return weights.map(() => 0);
}
