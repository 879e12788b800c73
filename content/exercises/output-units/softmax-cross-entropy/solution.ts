/** Mean cross-entropy of softmax(logits / temperature) against the true class indices. */
function softmaxCrossEntropy(logits: number[][], labels: number[], temperature: number): number {
  /** log Σ e^{a_j}, shifted by the largest a_j so that no exponent is positive. */
  const logSumExp = (a: number[]) => {
    let top = -Infinity;
    for (const v of a) if (v > top) top = v;
    let total = 0;
    for (const v of a) total += Math.exp(v - top);
    return top + Math.log(total);
  };
  let loss = 0;
  logits.forEach((row, i) => {
    const scaled = row.map((z) => z / temperature);
    loss += logSumExp(scaled) - (scaled[labels[i]] as number);
  });
  return loss / logits.length;
}
