function klDivergence(p: number[], q: number[]): number {
  let total = 0;
  for (let i = 0; i < p.length; i++) total += p[i] * Math.log(p[i] / q[i]);
  return total;
}
