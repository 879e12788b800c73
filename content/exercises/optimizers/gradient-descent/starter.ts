/** The path of gradient descent: [theta0, theta1, ..., theta_steps], each point a new array. */
function gradientDescent(grad: (theta: number[]) => number[], theta0: number[], rate: number, steps: number): number[][] {
  const path = [theta0];
  // Your code here: take `steps` steps, pushing each new point onto the path.
  return path;
}
