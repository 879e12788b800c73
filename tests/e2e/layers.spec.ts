import { cell, expect, kernelStatus, LESSON, output, test, typeInto } from "./fixtures";

const FIT = `const xs = tf.tensor2d([[0], [1], [2], [3], [4], [5]]);
const ys = tf.tensor2d([[1], [3], [5], [7], [9], [11]]);
const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
model.compile({ optimizer: tf.train.adam(0.1), loss: "meanSquaredError" });
const history = await model.fit(xs, ys, { epochs: 30, callbacks: [plot.live({ title: "fit loss" }), progress(30, { label: "epochs" })] });
const losses = history.history.loss as number[];
console.log(losses[losses.length - 1] < losses[0] ? "loss fell" : "loss did not fall");`;

const NUM_TENSORS = "tf.memory().numTensors";

test("tf.sequential and model.fit work, load on first use, and fit's callbacks drive a live chart and a progress bar", async ({ page }) => {
  const layerScripts: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/engine/kernel-layers.js")) layerScripts.push(request.url());
  });
  await page.goto(LESSON);
  await cell(page, 1).getByRole("button", { name: "Run cell" }).click();
  await expect(output(page, 1)).toContainText("heads: 8 of 12");
  expect(layerScripts, "the Layers API loads only when a cell uses it").toEqual([]);

  await typeInto(page, 1, FIT);
  await page.keyboard.press("Shift+Enter");
  await expect(output(page, 1)).toContainText("loss fell", { timeout: 30_000 });
  await expect(kernelStatus(page)).toContainText("idle");
  expect(layerScripts).toHaveLength(1);
  await expect(output(page, 1).getByRole("progressbar", { name: "epochs" })).toHaveAttribute("value", "30");
  await expect(output(page, 1).getByRole("figure", { name: "Chart: fit loss" })).toBeVisible();

  // Training again leaves no tensors behind: the data, the weights and the optimizer's state stay.
  await typeInto(page, 1, NUM_TENSORS);
  await page.keyboard.press("Shift+Enter");
  await expect(output(page, 1)).toHaveText(/^\d+$/);
  const before = Number(await output(page, 1).innerText());
  await typeInto(page, 1, "await model.fit(xs, ys, { epochs: 5 });\nmodel.predict(xs);\n'trained'");
  await page.keyboard.press("Shift+Enter");
  await expect(output(page, 1)).toContainText("trained");
  await typeInto(page, 1, NUM_TENSORS);
  await page.keyboard.press("Shift+Enter");
  await expect(output(page, 1)).toHaveText(/^\d+$/);
  expect(Number(await output(page, 1).innerText())).toBe(before);
});

test("the editor knows the Layers API", async ({ page }) => {
  await page.goto(LESSON);
  await typeInto(page, 1, "tf.layers.den");
  await page.keyboard.press("Control+Space");
  const suggestions = cell(page, 1).locator(".suggest-widget");
  await expect(suggestions).toContainText("dense", { timeout: 30_000 });
});

test("the lesson trains the same line by hand and with model.fit, then compares tf.train's optimizers", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/lessons/choosing-and-tuning");
  await expect(kernelStatus(page)).toContainText("idle");
  await cell(page, 3).getByRole("button", { name: "Run cell" }).click();
  await expect(output(page, 3)).toContainText("largest relative difference in any epoch", { timeout: 60_000 });
  const text = await output(page, 3).innerText();
  const [, byHand] = /loss by hand: +([\d.]+ → [\d.]+)/.exec(text) ?? [];
  const [, withFit] = /loss model\.fit: +([\d.]+ → [\d.]+)/.exec(text) ?? [];
  expect(byHand).toBeTruthy();
  expect(withFit).toBe(byHand);
  await expect(output(page, 3).getByRole("figure", { name: "Chart: model.fit, tf.train.sgd(0.1)" })).toBeVisible();
  await expect(output(page, 3).getByRole("progressbar", { name: "model.fit" })).toHaveAttribute("value", "60");

  await cell(page, 4).getByRole("button", { name: "Run cell" }).click();
  await expect(output(page, 4).getByRole("figure", { name: "Chart: The optimizers of tf.train on the same line fit" })).toBeVisible({ timeout: 60_000 });
  await expect(output(page, 4)).toContainText(/adam\(0\.1\) +MSE after 60 epochs/);
  await expect(page.getByRole("log", { name: "Output" }).filter({ hasText: /\b\w*Error: |Interrupted/ })).toHaveCount(0);
});
