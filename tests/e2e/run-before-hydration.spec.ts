import type { Page, Route } from "@playwright/test";
import { cell, expect, LESSON, output, test } from "./fixtures";

/** Holds back the page's JavaScript chunks until `release` is called: the HTML is there, React is not. */
async function holdScripts(page: Page) {
  const held: Route[] = [];
  let released = false;
  await page.route("**/_next/static/chunks/**/*.js", (route) => {
    if (released) return route.continue();
    held.push(route);
  });
  return {
    held: () => held.length,
    release: async () => {
      released = true;
      for (const route of held.splice(0)) await route.continue();
    },
  };
}

/** Whether React has hydrated this element (it attaches its props to the DOM node). */
const hydrated = (element: Element) => Object.keys(element).some((key) => key.startsWith("__reactProps$"));

test("Run pressed before React hydrates runs the cell once, as soon as the page is ready", async ({ page }) => {
  const scripts = await holdScripts(page);
  await page.goto(LESSON, { waitUntil: "domcontentloaded" });
  const run = cell(page, 1).getByRole("button", { name: "Run cell" });
  await expect(run).toBeVisible();
  expect(scripts.held(), "the page's scripts are held back").toBeGreaterThan(0);
  expect(await run.evaluate(hydrated), "React has not hydrated the button yet").toBe(false);

  await run.click();
  await page.waitForTimeout(500);
  expect(await run.evaluate(hydrated), "still not hydrated when the click landed").toBe(false);

  await scripts.release();
  await expect(output(page, 1)).toContainText("heads: 8 of 12", { timeout: 30_000 });
  // Ran once: the first execution, and one copy of its output.
  await expect(cell(page, 1)).toContainText("[1]");
  await expect(output(page, 1).getByText("heads: 8 of 12")).toHaveCount(1);
  // After hydration Run is React's own: a second click is run number 2.
  await run.click();
  await expect(cell(page, 1)).toContainText("[2]");
  await expect(output(page, 1).getByText("heads: 8 of 12")).toHaveCount(1);
});

test("cells pressed before hydration run in the order they were pressed", async ({ page }) => {
  const scripts = await holdScripts(page);
  await page.goto(LESSON, { waitUntil: "domcontentloaded" });
  // Cell 2 uses what cell 1 defines: pressed in this order, both succeed.
  await cell(page, 1).getByRole("button", { name: "Run cell" }).click();
  await cell(page, 2).getByRole("button", { name: "Run cell" }).click();
  await scripts.release();
  await expect(output(page, 1)).toContainText("heads: 8 of 12", { timeout: 30_000 });
  await expect(cell(page, 1)).toContainText("[1]");
  await expect(cell(page, 2)).toContainText("[2]", { timeout: 30_000 });
  await expect(output(page, 2).getByRole("figure", { name: "Chart: Negative log-likelihood of the flips" })).toBeVisible({ timeout: 60_000 });
});
