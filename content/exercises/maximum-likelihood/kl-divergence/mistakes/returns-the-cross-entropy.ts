function klDivergence(p: number[], q: number[]): number {
  let total = 0;
  for (let i = 0; i < p.length; i++) {
    if (p[i] === 0) continue;
    total -= p[i] * Math.log(q[i]);
  }
  return total;
}
