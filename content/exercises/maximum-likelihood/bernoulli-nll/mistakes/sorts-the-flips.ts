function bernoulliNll(flips: number[], p: number): number {
  // Sorting puts the heads last; it also reorders the caller's array.
  const heads = flips.sort().filter((x) => x === 1).length;
  return -(heads * Math.log(p) + (flips.length - heads) * Math.log(1 - p)) / flips.length;
}
