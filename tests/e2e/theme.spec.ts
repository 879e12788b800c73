/**
 * Dark mode, checked by computed colours (no screenshots): it follows the system setting, the
 * toggle wins and is remembered, and prose, math, highlighted code, outputs, Monaco, charts already
 * drawn and the instructor page all follow.
 */
import type { Locator, Page } from "@playwright/test";
import { cell, expect, kernelStatus, output, test } from "./fixtures";

/** Relative luminance (WCAG) of a CSS colour such as "rgb(20, 23, 28)". */
function luminance(css: string): number {
  const [r, g, b] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number).map((v) => v / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

const style = (locator: Locator, property: "color" | "backgroundColor") => locator.evaluate((element, name) => getComputedStyle(element)[name], property);
const pageBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor === "rgba(0, 0, 0, 0)" ? getComputedStyle(document.documentElement).backgroundColor : getComputedStyle(document.body).backgroundColor);

const isDark = (css: string) => luminance(css) < 0.05;
const isLight = (css: string) => luminance(css) > 0.6;

test("the course follows the system's dark setting, and the remembered toggle wins over it", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/lessons/optimizers");
  expect(isDark(await pageBackground(page)), "page background").toBe(true);
  expect(isLight(await style(page.getByRole("heading", { level: 1 }), "color")), "heading text").toBe(true);
  expect(isLight(await style(page.locator(".katex").first(), "color")), "math").toBe(true);
  // Highlighted code: the dark theme's token colours, light on a dark background.
  const token = cell(page, 1).locator(".shiki span span").first();
  expect(luminance(await style(token, "color"))).toBeGreaterThan(0.3);
  expect(isDark(await style(cell(page, 1).locator(".cell-code"), "backgroundColor")), "code background").toBe(true);

  const toggle = page.getByRole("button", { name: "Dark mode" });
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  expect(isLight(await pageBackground(page))).toBe(true);
  expect(luminance(await style(token, "color"))).toBeLessThan(0.2);

  // Remembered: the system still says dark, the page stays light.
  await page.reload();
  await expect(page.getByRole("button", { name: "Dark mode" })).toHaveAttribute("aria-pressed", "false");
  expect(isLight(await pageBackground(page))).toBe(true);
});

test("charts already drawn, outputs and the editor change with the theme", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto("/lessons/optimizers");
  await expect(kernelStatus(page)).toContainText("idle", { timeout: 60_000 });
  // Cell 4 draws the contour map with the hiker's path.
  for (let n = 1; n <= 4; n++) {
    await cell(page, n).getByRole("button", { name: "Run cell" }).click();
    await expect(cell(page, n)).toContainText(`[${n}]`, { timeout: 60_000 });
  }
  const chart = output(page, 4).locator(".main-svg").first();
  await expect(chart).toBeVisible({ timeout: 60_000 });
  const chartBackground = () => chart.evaluate((svg) => getComputedStyle(svg).backgroundColor);
  expect(isLight(await chartBackground())).toBe(true);

  await page.getByRole("button", { name: "Dark mode" }).click();
  await expect.poll(async () => isDark(await chartBackground()), { message: "the drawn chart turns dark" }).toBe(true);
  const axisLabel = output(page, 4).locator(".xtick text").first();
  expect(luminance(await axisLabel.evaluate((text) => getComputedStyle(text).fill))).toBeGreaterThan(0.3);
  expect(isLight(await style(output(page, 1), "color")), "output text").toBe(true);

  // The editor, loaded after the switch, is dark; switching back makes it light.
  await cell(page, 1).getByRole("textbox", { name: "Code of code cell 1" }).click();
  const editor = cell(page, 1).locator(".monaco-editor .monaco-editor-background").first();
  await expect(editor).toBeVisible({ timeout: 60_000 });
  expect(isDark(await style(editor, "backgroundColor")), "Monaco in dark mode").toBe(true);
  await page.getByRole("button", { name: "Dark mode" }).click();
  await expect.poll(async () => isLight(await style(editor, "backgroundColor")), { message: "Monaco turns light" }).toBe(true);
  await expect.poll(async () => isLight(await chartBackground())).toBe(true);
});

test("the instructor pages follow dark mode", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/instructor");
  expect(isDark(await pageBackground(page))).toBe(true);
  expect(isLight(await style(page.getByRole("heading", { level: 1 }), "color"))).toBe(true);
});
