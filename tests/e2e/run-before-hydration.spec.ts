import type { Page, Route } from "@playwright/test";
import { cell, expect, holdEngineScript, kernelStatus, LESSON, output, test, typeInto } from "./fixtures";

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

/** Opens the lesson with React held back and presses Run on cell `n` before it hydrates. */
async function runBeforeHydration(page: Page, n: number) {
  const scripts = await holdScripts(page);
  await page.goto(LESSON, { waitUntil: "domcontentloaded" });
  const run = cell(page, n).getByRole("button", { name: "Run cell" });
  await run.click();
  return { scripts, run };
}

test("a cell run before hydration shows its output before React is there; the notebook adopts its kernel", async ({ page }) => {
  const { scripts, run } = await runBeforeHydration(page, 1);
  await expect(output(page, 1)).toContainText("heads: 8 of 12", { timeout: 30_000 });
  await expect(output(page, 1)).toContainText("0.693");
  await expect(cell(page, 1)).toContainText("[1]");
  expect(scripts.held(), "the page's scripts are still held back").toBeGreaterThan(0);
  expect(await run.evaluate(hydrated), "React has not hydrated the button").toBe(false);
  const early = await output(page, 1).innerText();

  await scripts.release();
  await expect(kernelStatus(page)).toContainText("idle", { timeout: 60_000 });
  expect(await run.evaluate(hydrated)).toBe(true);
  // React shows the same output, once; nothing ran twice.
  expect(await output(page, 1).innerText()).toBe(early);
  await expect(output(page, 1).getByText("heads: 8 of 12")).toHaveCount(1);
  await expect(cell(page, 1)).toContainText("[1]");
  // A cell run after hydration sees what the early run defined, in the same kernel.
  await cell(page, 2).getByRole("button", { name: "Run cell" }).click();
  await expect(cell(page, 2)).toContainText("[2]", { timeout: 30_000 });
  await expect(output(page, 2).getByRole("figure", { name: "Chart: Negative log-likelihood of the flips" })).toBeVisible({ timeout: 60_000 });
  await expect(output(page, 2)).toContainText("0.67");
});

test("Interrupt and Restart act on the kernel an early run started", async ({ page }) => {
  const { scripts } = await runBeforeHydration(page, 1);
  await expect(output(page, 1)).toContainText("heads: 8 of 12", { timeout: 30_000 });
  await scripts.release();
  await expect(kernelStatus(page)).toContainText("idle", { timeout: 60_000 });

  await typeInto(page, 2, "while (true) {}");
  await page.keyboard.press("Shift+Enter");
  await expect(kernelStatus(page)).toContainText("busy");
  await page.getByRole("button", { name: "Interrupt" }).click();
  await expect(output(page, 2)).toContainText("Interrupted", { timeout: 10_000 });
  // The loop stopped at the flag the early kernel watches: no restart, the early run's variables are there.
  await typeInto(page, 2, "flips.length");
  await page.keyboard.press("Shift+Enter");
  await expect(output(page, 2)).toHaveText("12", { timeout: 10_000 });

  await page.getByRole("button", { name: "Restart kernel" }).click();
  await expect(kernelStatus(page)).toContainText("idle", { timeout: 60_000 });
  await cell(page, 2).getByRole("button", { name: "Run cell" }).click();
  await expect(output(page, 2)).toContainText("flips is not defined", { timeout: 10_000 });
  await expect(cell(page, 2)).toContainText("[1]");
});

test("an error from a cell run before hydration is shown as the notebook shows it", async ({ page }) => {
  // Cell 2 needs cell 1's nll: run alone, it fails.
  const { scripts, run } = await runBeforeHydration(page, 2);
  await expect(output(page, 2)).toContainText("nll is not defined", { timeout: 30_000 });
  expect(await run.evaluate(hydrated)).toBe(false);
  const early = await output(page, 2).innerText();
  await scripts.release();
  await expect(kernelStatus(page)).toContainText("idle", { timeout: 60_000 });
  expect(await output(page, 2).innerText(), "the same text once React shows it").toBe(early);
  // Run again by React itself: the same error, as the second run.
  await run.click();
  await expect(cell(page, 2)).toContainText("[2]", { timeout: 10_000 });
  expect((await output(page, 2).innerText()).replaceAll("run2", "run1")).toBe(early);
});

test("the kernel worker starts while the page's style sheets are still on their way", async ({ page }) => {
  // Every script in the HTML waits for the style sheets (the HTML spec), but the async boot script does not.
  const held: Route[] = [];
  let released = false;
  await page.route("**/*.css", (route) => (released ? route.continue() : void held.push(route)));
  const worker = page.waitForEvent("worker", { timeout: 15_000 });
  await page.goto(LESSON, { waitUntil: "commit" });
  expect((await worker).url()).toContain("/engine/kernel.js");
  expect(held.length, "the style sheets are still held when the worker starts").toBeGreaterThan(0);
  released = true;
  for (const route of held.splice(0)) await route.continue();
  await cell(page, 1).getByRole("button", { name: "Run cell" }).click();
  await expect(output(page, 1)).toContainText("heads: 8 of 12", { timeout: 30_000 });
  // One kernel: the inline script and the notebook took over the worker the boot script started.
  expect(page.workers().filter((w) => w.url().includes("/engine/kernel.js"))).toHaveLength(1);
});

test("a lesson's own cells run before the transpiler has loaded; an edited cell runs once it is there", async ({ page }) => {
  // The lesson's cells come compiled (compiled-cells.json): the kernel needs the transpiler only for
  // code the build did not see. Held back here, the worker's background download of it never ends.
  const transpiler = await holdEngineScript(page, "kernel-transpile.js");
  await page.goto(LESSON);
  await cell(page, 1).getByRole("button", { name: "Run cell" }).click();
  await expect(output(page, 1)).toContainText("heads: 8 of 12", { timeout: 30_000 });
  await cell(page, 2).getByRole("button", { name: "Run cell" }).click();
  await expect(cell(page, 2)).toContainText("[2]");
  expect(transpiler.served(), "the transpiler was held back for both runs").toBe(0);

  transpiler.release();
  await typeInto(page, 1, "const edited: number = 6 * 7;\nedited");
  await page.keyboard.press("Shift+Enter");
  await expect(output(page, 1)).toHaveText("42", { timeout: 30_000 });
  expect(transpiler.served(), "the edited cell's run waited for the transpiler").toBeGreaterThan(0);
});
