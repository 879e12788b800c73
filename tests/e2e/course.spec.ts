import { cell, expect, kernelStatus, output, test } from "./fixtures";

const OPTIMIZERS = "/lessons/optimizers";
/** What a cell's output shows when it failed: "TypeError: …", "Error: …", or an interrupt. */
const FAILURE = /\b\w*Error: |Interrupted/;

test("Run all runs a whole lesson: every cell finishes, the charts draw, and nothing fails", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(OPTIMIZERS);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Optimizers and gradient descent");
  const cells = page.getByRole("region", { name: /^Code cell \d+$/ });
  const count = await cells.count();
  expect(count).toBeGreaterThanOrEqual(5);
  await expect(kernelStatus(page)).toContainText("idle");

  await page.getByRole("button", { name: "Run all" }).click();
  // The last cell times an epoch of each variant, with tensors, then reports what is left allocated.
  await expect(output(page, count)).toContainText("tensors still allocated", { timeout: 120_000 });
  await expect(output(page, count)).toContainText(/SGD\s+256 updates per epoch/);
  await expect(kernelStatus(page)).toContainText("idle");

  for (let n = 1; n <= count; n++) await expect(cell(page, n), `cell ${n} has run`).toContainText(`[${n}]`);
  await expect(page.getByRole("log", { name: "Output" }).filter({ hasText: FAILURE })).toHaveCount(0);
  await expect(output(page, 4).getByRole("figure", { name: "Chart: The hiker's path: gradient descent on J(w, b)" })).toBeVisible();
  await expect(output(page, 4).locator(".main-svg").first()).toBeVisible();
});

test("the final project trains with a live loss curve and reports its validation accuracy", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto("/lessons/final-project");
  await expect(kernelStatus(page)).toContainText("idle");
  const cells = page.getByRole("region", { name: /^Code cell \d+$/ });
  const count = await cells.count();
  await page.getByRole("button", { name: "Run all" }).click();
  await expect(page.getByRole("button", { name: "Run all" })).toBeEnabled({ timeout: 120_000 });

  const training = output(page, 4);
  const live = training.getByRole("figure", { name: "Chart: Cross-entropy per epoch (live)" });
  await expect(live).toBeVisible();
  // Its legend names both curves.
  await expect(live).toContainText("training");
  await expect(live).toContainText("validation");
  await expect(training).toContainText("epoch 30: train loss");
  await expect(output(page, count)).toContainText(/validation accuracy: \d+ of 90/);
  await expect(page.getByRole("log", { name: "Output" }).filter({ hasText: FAILURE })).toHaveCount(0);
});
