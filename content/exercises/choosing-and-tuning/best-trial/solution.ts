type Trial = { eta: number; beta: number; loss: number };

/** Index of the trial with the lowest finite loss, or -1 if every run diverged. */
function bestTrial(trials: Trial[]): number {
  let best = -1;
  trials.forEach((trial, i) => {
    if (Number.isFinite(trial.loss) && (best === -1 || trial.loss < trials[best]!.loss)) best = i;
  });
  return best;
}
