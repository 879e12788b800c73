/**
 * axe-core on every page a learner or instructor sees, in light and in dark, with outputs, charts and
 * an exercise result showing: no serious or critical violations. A keyboard-only run of a cell and
 * an exercise check, with visible focus and the results announced. The 375 px layout.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { cell, exercise, expect, kernelStatus, LESSON, output, test } from "./fixtures";

const LESSONS = ["maximum-likelihood", "output-units", "optimizers", "challenges", "choosing-and-tuning", "momentum-adam-schedules", "final-project"];
const INSTRUCTOR_TOKEN = "e2e-instructor-token";

async function serious(page: Page, where: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${where}: ${violation.id} (${violation.impact}) ×${violation.nodes.length}: ${violation.nodes.slice(0, 3).map((node) => node.target.join(" ")).join(", ")}`);
  expect(bad, `axe-core on ${where}`).toEqual([]);
}

async function bothThemes(page: Page, where: string) {
  await serious(page, `${where} (light)`);
  await page.getByRole("button", { name: "Dark mode" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await serious(page, `${where} (dark)`);
  await page.getByRole("button", { name: "Dark mode" }).click();
}

test("the index and the instructor pages have no serious accessibility violations, light or dark", async ({ page, playwright, baseURL }) => {
  test.setTimeout(120_000);
  // A graded submission, so the gradebook, the analytics, the similarity and the review pages have content.
  const learner = await playwright.request.newContext({ baseURL });
  expect((await learner.post("/api/session", { data: { name: "Axe Learner", email: `axe-${Date.now()}@example.org` } })).ok()).toBe(true);
  let submission = await (await learner.post("/api/submissions", { data: { exerciseId: "bernoulli-nll", code: "function bernoulliNll(flips: number[], p: number): number { return 0; }" } })).json();
  while (submission.status !== "graded") submission = await (await learner.get(`/api/submissions/${submission.id}`)).json();
  await learner.dispose();

  await page.goto("/");
  await bothThemes(page, "/");
  await page.goto("/instructor");
  await bothThemes(page, "/instructor sign-in");
  await page.getByLabel("Instructor token").fill(INSTRUCTOR_TOKEN);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Gradebook" })).toBeVisible();
  await bothThemes(page, "/instructor gradebook");
  for (const [path, where] of [
    ["/instructor/exercises/bernoulli-nll", "exercise analytics"],
    ["/instructor/exercises/bernoulli-nll/similarity", "similarity"],
    [`/instructor/submissions/${submission.id}`, "submission review"],
    ["/instructor/lti", "LTI registrations"],
  ] as const) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await bothThemes(page, `/instructor ${where}`);
  }
});

for (const slug of LESSONS) {
  test(`lesson ${slug}, run in full with an exercise checked, has no serious accessibility violations, light or dark`, async ({ page }) => {
    test.setTimeout(300_000);
    await page.goto(`/lessons/${slug}`);
    await expect(kernelStatus(page)).toContainText("idle", { timeout: 60_000 });
    await page.getByRole("button", { name: "Run all" }).click();
    await expect(page.getByRole("button", { name: "Run all" })).toBeEnabled({ timeout: 240_000 });
    const first = page.getByRole("region", { name: /^Exercise: / }).first();
    if ((await first.count()) > 0) {
      await first.getByRole("button", { name: "Check" }).click();
      await expect(first.getByRole("group", { name: "Check" })).toBeVisible({ timeout: 30_000 });
    }
    await bothThemes(page, `/lessons/${slug}`);
  });
}

test("a screen reader finds every formula and every cell's code of a lesson, on screen or far below it", async ({ page }) => {
  await page.goto(LESSON);
  await expect(cell(page, 1)).toContainText("const flips");
  const inPage = await page.evaluate(() => ({
    formulas: document.querySelectorAll(".katex-mathml math").length,
    cells: document.querySelectorAll('section.cell [role="textbox"]').length,
    // Each cell's code as the page shows it, without white space.
    codes: [...document.querySelectorAll("section.cell .cell-static")].map((code) => (code.textContent ?? "").replace(/\s+/g, "")),
  }));
  expect(inPage.formulas).toBeGreaterThan(20);
  expect(inPage.cells).toBeGreaterThan(3);
  // What assistive technology reads: Chromium's accessibility tree, with the page at its top.
  const cdp = await page.context().newCDPSession(page);
  type AxNode = { nodeId: string; ignored: boolean; role?: { value: string }; name?: { value: string }; childIds?: string[] };
  const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as { nodes: AxNode[] };
  const byId = new Map(nodes.map((node) => [node.nodeId, node]));
  const textOf = (node: AxNode): string =>
    node.role?.value === "StaticText" ? (node.name?.value ?? "") : (node.childIds ?? []).flatMap((id) => (byId.has(id) ? [textOf(byId.get(id)!)] : [])).join("");
  const exposed = nodes.filter((node) => !node.ignored);
  const formulas = exposed.filter((node) => node.role?.value === "math" || node.role?.value === "MathMLMath").length;
  const codeBoxes = exposed.filter((node) => node.role?.value === "textbox" && /^Code of code cell \d+$/.test(node.name?.value ?? ""));
  expect(formulas, "formulas in the accessibility tree").toBe(inPage.formulas);
  expect(codeBoxes.length, "cells' code boxes in the accessibility tree").toBe(inPage.cells);
  // Their text too, not only their names: the code a screen reader reads is the code on the page.
  expect(codeBoxes.map((node) => textOf(node).replace(/\s+/g, ""))).toEqual(inPage.codes);
});

test("keyboard only: run a cell and check an exercise, with focus visible and results announced", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(LESSON);
  await expect(kernelStatus(page)).toContainText("idle", { timeout: 60_000 });
  // Tab from the top of the page until cell 1's Run button has focus; every stop shows a focus ring.
  const run = cell(page, 1).getByRole("button", { name: "Run cell" });
  for (let i = 0; i < 80 && !(await run.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
    const ring = await page.evaluate(() => {
      const element = document.activeElement;
      if (!element || element === document.body) return "none";
      const style = getComputedStyle(element);
      return style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2 ? "ring" : `no ring on ${element.outerHTML.slice(0, 80)}`;
    });
    expect(ring === "ring" || ring === "none", ring).toBe(true);
  }
  await expect(run).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(cell(page, 1)).toContainText("[1]");
  // The output area is a live log: what the run printed is announced.
  await expect(output(page, 1)).toHaveAttribute("role", "log");
  await expect(output(page, 1)).not.toBeEmpty();

  // Shift+Enter in the code runs it too.
  await cell(page, 2).getByRole("textbox", { name: "Code of code cell 2" }).focus();
  await page.keyboard.press("Shift+Enter");
  await expect(cell(page, 2)).toContainText("[2]", { timeout: 30_000 });

  const box = exercise(page, "The mean negative log-likelihood of coin flips");
  const check = box.getByRole("button", { name: "Check" });
  for (let i = 0; i < 80 && !(await check.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(check).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(box.getByRole("status").filter({ hasText: "Check:" })).toHaveText("Check: 1 of 7 points");
});

test("at 375 px wide, a lesson with outputs, a chart and an exercise result does not scroll sideways", async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto("/lessons/optimizers");
  await expect(kernelStatus(page)).toContainText("idle", { timeout: 60_000 });
  for (let n = 1; n <= 4; n++) {
    await cell(page, n).getByRole("button", { name: "Run cell" }).click();
    await expect(cell(page, n)).toContainText(`[${n}]`, { timeout: 60_000 });
  }
  await expect(output(page, 4).locator(".main-svg").first()).toBeVisible({ timeout: 60_000 });
  const box = page.getByRole("region", { name: /^Exercise: / }).first();
  await box.getByRole("button", { name: "Check" }).click();
  await expect(box.getByRole("group", { name: "Check" })).toBeVisible({ timeout: 30_000 });
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  expect(widths.page, "the page is no wider than the phone").toBeLessThanOrEqual(widths.viewport);
  // The controls are on screen, not cut off.
  for (const name of ["Run all", "Dark mode"]) {
    const bounds = await page.getByRole("button", { name }).boundingBox();
    expect(bounds && bounds.x + bounds.width <= 375, `${name} fits`).toBe(true);
  }
  await page.goto("/");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
});
