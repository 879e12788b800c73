function klDivergence(p: number[], q: number[]): number {
  let total = 0;
  for (let i = 0; i < p.length; i++) {
    if (q[i] === 0) continue;
    total += q[i] * Math.log(q[i] / p[i]);
  }
  return total;
}
