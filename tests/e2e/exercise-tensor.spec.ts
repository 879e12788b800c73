/**
 * A tensor exercise, as a learner does it: Check in the page's kernel (tf, no answers in the page),
 * then Submit, graded on the server against hidden tests with the same tf in the sandbox.
 */
import { cell, expect, openExercise, output, submitSigningIn, test, typeInto, typeIntoExercise } from "./fixtures";

const TITLE = "A stable log-softmax for a batch of logits";
// One line: the editor's auto-indent would re-indent a pasted multi-line block.
const SOLUTION =
  "function rowLogSoftmax(logits: tf.Tensor2D): tf.Tensor2D { return tf.tidy(() => { const shifted = logits.sub(logits.max(1, true)); return shifted.sub(shifted.exp().sum(1, true).log()) as tf.Tensor2D; }); }";
const LEAKY = "function rowLogSoftmax(logits: tf.Tensor2D): tf.Tensor2D { const shifted = logits.sub(logits.max(1, true)); return shifted.sub(shifted.exp().sum(1, true).log()) as tf.Tensor2D; }";
const ROW_MAXIMA = "function rowLogSoftmax(logits: tf.Tensor2D) { return tf.tidy(() => logits.max(1)); }";

test("Check and Submit a tensor exercise: shape, leaks and values in learner's words, full marks for a tidy stable solution", async ({ page }) => {
  test.setTimeout(240_000);
  const { box, results } = await openExercise(page, "/lessons/output-units", TITLE);

  // The starter normalises over the whole batch: only the leak test passes.
  await box.getByRole("button", { name: "Check" }).click();
  await expect(results.locator("output")).toHaveText("1/10");
  await expect(results).toContainText("sum to 0.7625, not 1");
  await expect(results).toContainText("gave NaN at [0, 0]");

  await typeIntoExercise(page, TITLE, ROW_MAXIMA);
  await box.getByRole("button", { name: "Check" }).click();
  await expect(results).toContainText("should have shape [2, 3], got [2]");

  await typeIntoExercise(page, TITLE, LEAKY);
  await box.getByRole("button", { name: "Check" }).click();
  await expect(results).toContainText("tf.tidy");
  await expect(results.locator("output")).not.toHaveText("10/10");

  await typeIntoExercise(page, TITLE, SOLUTION);
  await box.getByRole("button", { name: "Check" }).click();
  await expect(results.locator("output")).toHaveText("10/10");
  await expect(results.getByLabel("failed")).toHaveCount(0);

  // The exercise ran in a scope of its own: the lesson's cells do not see its function.
  await typeInto(page, 1, "typeof rowLogSoftmax");
  await cell(page, 1).getByRole("button", { name: "Run cell" }).click();
  await expect(output(page, 1)).toContainText("'undefined'");

  // Submit: the server grades the same code with tf in its sandbox, hidden tests included.
  const submission = await submitSigningIn(box, { name: "Emmy Noether", email: "emmy@example.org" });
  await expect(submission.locator("output")).toHaveText(/^(\d+)\/\1$/, { timeout: 60_000 });
  await expect(submission).toContainText("Hidden test 1");

  // Signed in, Check uses this learner's own numbers, fetched from the server as data.
  const fetched = page.waitForResponse((response) => response.url().endsWith("/api/exercises/row-log-softmax/visible") && response.status() === 200);
  await box.getByRole("button", { name: "Check" }).click();
  const body = (await (await fetched).json()) as { seed: number; answers: Record<string, string> };
  expect(Object.keys(body.answers)).toContain("your own batch");
  expect(JSON.stringify(body)).not.toContain("tidy");
  await expect(results.locator("output")).toHaveText("10/10");
});
