function bernoulliNll(flips: number[], p: number): number {
  let total = 0;
  for (const x of flips) total += x === 1 ? Math.log(p) : Math.log(1 - p);
  return total / flips.length;
}
