import type { Page } from "@playwright/test";
import { cell, expect, kernelStatus, LESSON, output, test, typeInto } from "./fixtures";

/** Runs code in cell 1 (replacing its code) and returns its output's text once `expected` shows. */
async function runIn(page: Page, n: number, code: string, expected: string | RegExp) {
  await typeInto(page, n, code);
  const count = await cell(page, n).getByLabel("Execution count").innerText();
  await page.keyboard.press("Shift+Enter");
  // This run's output, not the last run's (a quick run replaces it with no empty cell between).
  await expect(cell(page, n).getByLabel("Execution count")).toHaveText(/\[\d+\]/);
  await expect(cell(page, n).getByLabel("Execution count")).not.toHaveText(count);
  await expect(output(page, n)).toContainText(expected);
  await expect(kernelStatus(page)).toContainText("idle");
  return output(page, n).innerText();
}

const numTensors = async (page: Page) => Number((await runIn(page, 1, "tf.memory().numTensors", /^\d+$/)).trim());

for (const backend of ["cpu", "wasm", "webgl"] as const) {
  test(`on ${backend}, the tensors a loop creates are released when the run ends`, async ({ page }) => {
    await page.goto(LESSON);
    await page.getByLabel("Backend").selectOption(backend);
    await expect(kernelStatus(page)).toContainText(`idle · ${backend}`);
    const before = await numTensors(page);
    await runIn(page, 1, "for (let i = 0; i < 100; i++) { const x = tf.randomNormal([4, 4]); const y = tf.matMul(x, x); }\n'done'", "done");
    const after = await numTensors(page);
    console.log(`${backend}: tf.memory().numTensors ${before} before the loop, ${after} after it`);
    expect(after).toBe(before);

    // The README's naive training loop: only the current w survives, run after run.
    await runIn(page, 1, "let w = tf.scalar(0);\n'ok'", "ok");
    const withW = await numTensors(page);
    const loop = "for (let i = 0; i < 10000; i++) { const grad = w.sub(3).mul(2); w = w.sub(grad.mul(0.01)); }\nw.dataSync()[0].toFixed(3)";
    await runIn(page, 1, loop, "3.000");
    await runIn(page, 1, loop, "3.000");
    expect(await numTensors(page)).toBe(withW);
  });
}

/** The longest main-thread task since `since` (performance.now() time), from the Long Tasks API. */
async function longestTaskSince(page: Page, since: number): Promise<number> {
  return page.evaluate(
    (start) =>
      Math.max(0, ...((window as unknown as { __longTasks: PerformanceEntry[] }).__longTasks ?? []).filter((t) => t.startTime >= start).map((t) => t.duration)),
    since,
  );
}

test("a runaway interval's output is capped, lands in its own cell, and Interrupt stops it", async ({ page }) => {
  await page.addInitScript(() => {
    const tasks: PerformanceEntry[] = [];
    (window as unknown as { __longTasks: PerformanceEntry[] }).__longTasks = tasks;
    new PerformanceObserver((list) => tasks.push(...list.getEntries())).observe({ type: "longtask", buffered: true });
  });
  await page.goto(LESSON);
  await cell(page, 1).getByRole("button", { name: "+ Add cell below" }).click();
  await typeInto(page, 2, "console.log('second cell')");
  await typeInto(page, 1, 'let ticks = 0;\nsetInterval(() => { ticks++; for (let i = 0; i < 2000; i++) console.log("tick", i) }, 0);');
  const since = await page.evaluate(() => performance.now());
  await page.keyboard.press("Shift+Enter");
  await expect(output(page, 1)).toContainText("more output from this cell's timers and callbacks is not shown");
  // Ticks keep firing for a while; the page stays responsive and no task of its own is long.
  await page.waitForTimeout(3_000);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const lines = (await output(page, 1).innerText()).split("\n").filter((line) => line.startsWith("tick"));
  expect(lines.length).toBeLessThanOrEqual(1_000);
  expect(await longestTaskSince(page, since)).toBeLessThan(200);

  // Another cell's output is its own.
  await cell(page, 2).getByRole("button", { name: "Run cell" }).click();
  await expect(output(page, 2)).toHaveText("second cell");

  // Interrupt, with no cell running, stops the interval: ticks stops counting.
  await page.getByRole("button", { name: "Interrupt" }).click();
  await typeInto(page, 2, "ticks");
  await page.keyboard.press("Shift+Enter");
  await expect(output(page, 2)).toHaveText(/^\d+$/);
  const stopped = await output(page, 2).innerText();
  const count = cell(page, 2).getByLabel("Execution count");
  const countBefore = await count.innerText();
  await page.waitForTimeout(500);
  await cell(page, 2).getByRole("button", { name: "Run cell" }).click();
  await expect(count).not.toHaveText(countBefore);
  await expect(count).toHaveText(/\[\d+\]/);
  await expect(output(page, 2)).toHaveText(stopped);
});

test("an interrupted cell that was awaiting stops there: nothing it does later reaches the next cell", async ({ page }) => {
  await page.goto(LESSON);
  await cell(page, 1).getByRole("button", { name: "+ Add cell below" }).click();
  await typeInto(page, 2, 'await new Promise((resolve) => setTimeout(resolve, 3000));\nconsole.log("cell two done");');
  await typeInto(page, 1, 'let resumed = false;\nawait new Promise((resolve) => setTimeout(resolve, 1500));\nresumed = true;\nconsole.log("after the wait");');
  await page.keyboard.press("Shift+Enter");
  await expect(kernelStatus(page)).toContainText("busy");
  await page.getByRole("button", { name: "Interrupt" }).click();
  await expect(output(page, 1)).toContainText("Interrupted");
  // Cell 2 waits past the moment cell 1's timer fires.
  await cell(page, 2).getByRole("button", { name: "Run cell" }).click();
  await expect(output(page, 2)).toContainText("cell two done");
  await expect(output(page, 2)).not.toContainText("after the wait");
  await expect(output(page, 1)).not.toContainText("after the wait");
  await typeInto(page, 2, "resumed");
  await page.keyboard.press("Shift+Enter");
  await expect(output(page, 2)).toHaveText("false");
});

test("a string literal on the last line is shown; a namespace is refused by name", async ({ page }) => {
  await page.goto(LESSON);
  await runIn(page, 1, '"hello"', "'hello'");
  await typeInto(page, 1, "namespace Geo {\n  export const radius = 6371;\n}\nGeo.radius");
  await page.keyboard.press("Shift+Enter");
  await expect(output(page, 1)).toContainText("namespaces with values (`namespace Geo`) are not supported");
  await expect(output(page, 1)).not.toContainText("is not defined");
});
