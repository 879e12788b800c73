import { cell, expect, LESSON, output, test } from "./fixtures";

/** Drawn Plotly charts alive in the page's heap, attached or not: plotly keeps `_fullLayout` on each until it is purged. */
async function chartsInMemory(page: import("@playwright/test").Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send("HeapProfiler.collectGarbage");
    const prototype = await cdp.send("Runtime.evaluate", { expression: "HTMLDivElement.prototype" });
    const { objects } = await cdp.send("Runtime.queryObjects", { prototypeObjectId: prototype.result.objectId! });
    const counted = await cdp.send("Runtime.callFunctionOn", {
      objectId: objects.objectId!,
      functionDeclaration: "function () { return this.filter((div) => div._fullLayout !== undefined).length; }",
      returnByValue: true,
    });
    return counted.result.value as number;
  } finally {
    await cdp.detach();
  }
}

test("re-running a plotting cell keeps only the current chart, not one per run", async ({ page }) => {
  await page.goto(LESSON);
  await cell(page, 1).getByRole("button", { name: "Run cell" }).click();
  await expect(output(page, 1)).toContainText("0.693147");
  // Cell 2 draws a chart; each run replaces it.
  for (let run = 1; run <= 5; run++) {
    await cell(page, 2).getByRole("button", { name: "Run cell" }).click();
    await expect(cell(page, 2)).toContainText(`[${run + 1}]`);
    await expect(output(page, 2).locator(".main-svg").first()).toBeVisible();
  }
  await expect(output(page, 2).getByRole("figure")).toHaveCount(1);
  await expect.poll(() => chartsInMemory(page), { timeout: 15_000 }).toBe(1);
});
