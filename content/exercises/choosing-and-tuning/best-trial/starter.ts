type Trial = { eta: number; beta: number; loss: number };

/** Index of the trial with the lowest finite loss, or -1 if every run diverged. */
function bestTrial(trials: Trial[]): number {
  // Your code here.
  return 0;
}
