type Trial = { eta: number; beta: number; loss: number };
function bestTrial(trials: Trial[]): number {
  let best = 0;
  for (let i = 1; i < trials.length; i++) if (trials[i]!.loss < trials[best]!.loss) best = i;
  return best;
}
