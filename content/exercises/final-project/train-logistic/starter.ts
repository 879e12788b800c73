/** Logistic regression by full-batch gradient descent from w = 0, b = 0; one recorded loss per epoch. */
function trainLogistic(xs: number[][], ys: number[], epochs: number, eta: number): { w: number[]; b: number; losses: number[] } {
  const m = xs.length;
  const w = xs[0]!.map(() => 0);
  let b = 0;
  const losses: number[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    // Your code here: the mean loss at (w, b), then one gradient step.
    losses.push(Math.log(2));
  }
  return { w, b, losses };
}
