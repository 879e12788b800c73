import { cell, exercise, expect, kernelStatus, LESSON, output, test, typeInto, typeIntoExercise } from "./fixtures";

// One line: the editor's auto-indent would re-indent a pasted multi-line block.
const SOLUTION =
  "function bernoulliNll(flips: number[], p: number): number { let total = 0; for (const x of flips) total += x === 1 ? Math.log(p) : Math.log(1 - p); return -total / flips.length; }";

const TITLE = "The mean negative log-likelihood of coin flips";

test("Check runs the visible tests in the page's kernel, and results and edits survive a reload", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(LESSON);
  const box = exercise(page, TITLE);
  await expect(box.getByText("mean negative log-likelihood", { exact: false }).first()).toBeVisible();
  await expect(kernelStatus(page)).toContainText("idle", { timeout: 60_000 });

  // The starter returns 0: only "leaves the flips as they were" passes.
  await box.getByRole("button", { name: "Check" }).click();
  const results = box.getByRole("group", { name: "Check" });
  await expect(results.locator("output")).toHaveText("1/7");
  await expect(results).toContainText("bernoulliNll([1, 0, 1, 0], 0.5) should be 0.6931 (±1e-9), got 0");
  // Hidden tests are not part of Check.
  await expect(results).not.toContainText("forty flips");

  // Hints come one at a time.
  await box.getByRole("button", { name: "Show a hint" }).click();
  await expect(box.getByRole("list", { name: "Hints" }).getByRole("listitem")).toHaveCount(1);

  await typeIntoExercise(page, TITLE, SOLUTION);
  await box.getByRole("button", { name: "Check" }).click();
  await expect(results.locator("output")).toHaveText("7/7");
  await expect(results.getByLabel("failed")).toHaveCount(0);

  await page.reload();
  await expect(exercise(page, TITLE).getByRole("group", { name: "Check" }).locator("output")).toHaveText("7/7");
  await expect(exercise(page, TITLE).getByRole("textbox", { name: "Exercise code" })).toContainText("let total = 0;");
  await expect(exercise(page, TITLE).getByRole("list", { name: "Hints" }).getByRole("listitem")).toHaveCount(1);
});

test("Reset code after editing puts the starter back, in the editor too, and Check grades the starter", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(LESSON);
  const box = exercise(page, TITLE);
  await expect(kernelStatus(page)).toContainText("idle", { timeout: 60_000 });
  await typeIntoExercise(page, TITLE, SOLUTION);
  await box.getByRole("button", { name: "Reset code" }).click();
  await expect(box.getByRole("textbox", { name: "Exercise code" })).toContainText("// Your code here.");
  await box.getByRole("button", { name: "Check" }).click();
  await expect(box.getByRole("group", { name: "Check" }).locator("output")).toHaveText("1/7");
});

test("Check stops an endless loop at each test's time limit, as the server does, and the kernel keeps the lesson's variables", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(LESSON);
  await expect(kernelStatus(page)).toContainText("idle", { timeout: 60_000 });
  await typeInto(page, 1, "const kept = 42");
  await cell(page, 1).getByRole("button", { name: "Run cell" }).click();
  await expect(kernelStatus(page)).toContainText("idle");

  await typeIntoExercise(page, TITLE, "function bernoulliNll(flips: number[], p: number): number { while (true) {} }");
  const box = exercise(page, TITLE);
  await box.getByRole("button", { name: "Check" }).click();
  // Each test stops at its own limit (1 s) with a verdict, and the next one runs: no frozen page.
  const results = box.getByRole("group", { name: "Check" });
  await expect(results.locator("output")).toHaveText("0/7", { timeout: 30_000 });
  await expect(results).toContainText("Stopped after 1000 ms: your code took too long");
  await expect(kernelStatus(page)).toContainText("idle");

  await typeInto(page, 1, "kept");
  await cell(page, 1).getByRole("button", { name: "Run cell" }).click();
  await expect(output(page, 1)).toContainText("42");
});
