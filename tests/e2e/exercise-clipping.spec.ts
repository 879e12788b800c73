import { expect, openExercise, test, typeIntoExercise } from "./fixtures";

// One line each: the editor's auto-indent would re-indent a pasted multi-line block.
const PER_NUMBER = "function clipGlobalNorm(grads: number[][], maxNorm: number): number[][] { return grads.map((g) => g.map((x) => Math.max(-maxNorm, Math.min(maxNorm, x)))); }";
const GLOBAL =
  "function clipGlobalNorm(grads: number[][], maxNorm: number): number[][] { const norm = Math.sqrt(grads.flat().reduce((s, x) => s + x * x, 0)); const f = norm > maxNorm ? maxNorm / norm : 1; return grads.map((g) => g.map((x) => x * f)); }";

const TITLE = "Gradient clipping by global norm";

test("the clipping exercise tells a learner who clips each number separately why, and passes one factor for all", async ({ page }) => {
  test.setTimeout(180_000);
  const { box, results } = await openExercise(page, "/lessons/momentum-adam-schedules", TITLE);

  // The starter returns copies: only "small gradients pass through" and "leaves its input as it was" pass.
  await box.getByRole("button", { name: "Check" }).click();
  await expect(results.locator("output")).toHaveText("2/8");
  await expect(results).toContainText("clipGlobalNorm([[3, 4]], 1) should have norm 1, got 5.00");

  await typeIntoExercise(page, TITLE, PER_NUMBER);
  await box.getByRole("button", { name: "Check" }).click();
  await expect(results).toContainText("it clipped each number separately");
  await expect(results).toContainText("use one factor for all the arrays");
  // Hidden tests are not part of Check.
  await expect(results).not.toContainText("a small network's gradients");

  await typeIntoExercise(page, TITLE, GLOBAL);
  await box.getByRole("button", { name: "Check" }).click();
  await expect(results.locator("output")).toHaveText("8/8");
  await expect(results.getByLabel("failed")).toHaveCount(0);
});
