import { expect, openExercise, test, typeIntoExercise } from "./fixtures";

// One line each: the editor's auto-indent would re-indent a pasted multi-line block.
const NAIVE = "function softmax(logits: number[]): number[] { const e = logits.map((z) => Math.exp(z)); const s = e.reduce((a, b) => a + b, 0); return e.map((v) => v / s); }";
const STABLE =
  "function softmax(logits: number[]): number[] { const m = Math.max(...logits); const e = logits.map((z) => Math.exp(z - m)); const s = e.reduce((a, b) => a + b, 0); return e.map((v) => v / s); }";

const TITLE = "A softmax that never overflows";

test("the softmax exercise names the overflow of a naive softmax, and passes a stable one", async ({ page }) => {
  test.setTimeout(180_000);
  const { box, results } = await openExercise(page, "/lessons/output-units", TITLE);

  // The starter returns zeros: only "leaves the logits as they were" passes.
  await box.getByRole("button", { name: "Check" }).click();
  await expect(results.locator("output")).toHaveText("1/8");
  await expect(results).toContainText("softmax([1, 2, 3]) should sum to 1, got 0");

  await typeIntoExercise(page, TITLE, NAIVE);
  await box.getByRole("button", { name: "Check" }).click();
  await expect(results.locator("output")).toHaveText("5/8");
  await expect(results).toContainText("softmax([1000, 1001, 1002]) gave [NaN, NaN, NaN]");
  await expect(results).toContainText("subtract the largest logit");
  // Hidden tests are not part of Check.
  await expect(results).not.toContainText("logits far apart");

  await typeIntoExercise(page, TITLE, STABLE);
  await box.getByRole("button", { name: "Check" }).click();
  await expect(results.locator("output")).toHaveText("8/8");
  await expect(results.getByLabel("failed")).toHaveCount(0);
});
