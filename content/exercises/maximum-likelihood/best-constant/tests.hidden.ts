// Hidden tests: graded on the server only. This file is read by the grader and never bundled for a page.
import { defineTests } from "@/engine/grading";
import { checkConstant, underMae } from "./tests.visible";

declare function bestConstant(ys: number[], loss: "mse" | "mae"): number;

export default defineTests((t, { rng }) => {
  t.test("an even number of values under MAE", {
    points: 2,
    input: { ys: [7, 1, 3, 20] },
    run: underMae,
    check: (got, { expect, expected }) => checkConstant(expect, got.mae, [7, 1, 3, 20], "mae", expected),
  });

  t.test("negative values", {
    points: 1,
    input: { ys: [-12, -3, -100, -4, -1] },
    run: ({ ys }) => [bestConstant(ys, "mse"), bestConstant(ys, "mae")],
    check: (got, { expect, expected }) => {
      const best = { mse: expected[0], mae: expected[1] };
      checkConstant(expect, got[0], [-12, -3, -100, -4, -1], "mse", best);
      checkConstant(expect, got[1], [-12, -3, -100, -4, -1], "mae", best);
    },
  });

  t.test("a single value", {
    points: 1,
    input: { ys: [4.2] },
    run: ({ ys }) => [bestConstant(ys, "mse"), bestConstant(ys, "mae")],
    check: (got, { expect }) => expect.close(got, [4.2, 4.2], { abs: 1e-12, what: 'bestConstant([4.2], "mse") and bestConstant([4.2], "mae")' }),
  });

  const ys = rng.array(301, (r) => Math.exp(r.normal(0, 1.2)));
  t.test("three hundred log-normal values", {
    points: 3,
    input: { ys },
    run: (input) => [bestConstant(input.ys, "mse"), bestConstant(input.ys, "mae")],
    check: (got, { expect, expected }) => {
      const best = { mse: expected[0], mae: expected[1] };
      checkConstant(expect, got[0], ys, "mse", best);
      checkConstant(expect, got[1], ys, "mae", best);
    },
  });
});
