// Hidden tests: graded on the server only. This file is read by the grader and never bundled for a page.
import { defineTests } from "@/engine/grading";
import { checkMask, type MaskCase } from "./tests.visible";

declare const tf: typeof import("@tensorflow/tfjs-core");
declare function plateauMask(losses: import("@tensorflow/tfjs-core").Tensor1D, window: number, tol: number): unknown;

export default defineTests((t, { rng }) => {
  const flat: MaskCase = { losses: [2, 2, 2, 2, 2], window: 3, tol: 1e-3 };
  t.test("the first steps have nothing to compare with", {
    points: 1,
    input: flat,
    run: ({ losses, window, tol }) => plateauMask(tf.tensor1d(losses), window, tol),
    check: (got, { expect, expected }) => checkMask(expect, got, expected, flat, "tf.tensor1d([2, 2, 2, 2, 2])"),
  });

  const tooShort: MaskCase = { losses: [0.5, 0.5, 0.5], window: 5, tol: 0.1 };
  t.test("a window longer than the curve", {
    points: 1,
    input: tooShort,
    run: ({ losses, window, tol }) => plateauMask(tf.tensor1d(losses), window, tol),
    check: (got, { expect, expected }) => checkMask(expect, got, expected, tooShort, "tf.tensor1d([0.5, 0.5, 0.5])"),
  });

  // The learner's own curve: steep stretches (0.05 to 0.2 a step) and flat ones (under 0.0005 a step),
  // always going down, so no window's change lies near tol.
  const window = rng.int(2, 5);
  const losses: number[] = [];
  let loss = Number(rng.uniform(2, 4).toFixed(3));
  for (let segment = 0; segment < 8; segment++) {
    const steep = segment % 2 === 0 ? rng.next() < 0.7 : rng.next() < 0.3;
    const length = rng.int(4, 12);
    for (let i = 0; i < length; i++) {
      losses.push(Number(loss.toFixed(5)));
      loss -= steep ? rng.uniform(0.05, 0.2) : rng.uniform(0, 0.0005);
    }
  }
  const own: MaskCase = { losses, window, tol: 0.01 };
  t.test("your own curve", {
    points: 2,
    input: own,
    run: ({ losses, window, tol }) => plateauMask(tf.tensor1d(losses), window, tol),
    check: (got, { expect, expected }) => checkMask(expect, got, expected, own, `your curve of ${losses.length} losses`),
  });
});
