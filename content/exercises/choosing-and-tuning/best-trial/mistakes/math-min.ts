type Trial = { eta: number; beta: number; loss: number };
function bestTrial(trials: Trial[]): number {
  const losses = trials.map((t) => t.loss);
  return losses.indexOf(Math.min(...losses));
}
