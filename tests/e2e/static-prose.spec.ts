import type { Page } from "@playwright/test";
import { cell, expect, kernelStatus, LESSON, output, test } from "./fixtures";

/** What a learner reads of a lesson: the text of its prose blocks and how many formulas it typesets. */
function proseOf(page: Page) {
  return page.evaluate(() => ({
    blocks: [...document.querySelectorAll(".notebook > [data-static]")].map((block) => block.textContent ?? ""),
    formulas: document.querySelectorAll(".notebook .katex").length,
  }));
}

test("a lesson's prose and math are in its HTML once: not in the RSC payload, and kept through hydration", async ({ page, request }) => {
  const html = await (await request.get(LESSON)).text();
  const rsc = await (await request.get(LESSON, { headers: { RSC: "1" } })).text();
  const sentence = "assigns a probability";
  expect(html).toContain(sentence);
  expect(rsc.length).toBeGreaterThan(10_000);
  expect(rsc).not.toContain(sentence);
  expect(rsc).not.toContain("katex-mathml");
  // The cells' highlighted code too: in the HTML, not in the payload.
  expect(html).toContain("shiki-themes");
  expect(rsc).not.toContain("shiki-themes");

  await page.goto(LESSON);
  // Hydrated: a cell runs through React (its count appears) and the kernel is idle.
  await cell(page, 1).getByRole("button", { name: "Run cell" }).click();
  await expect(output(page, 1)).toContainText("heads: 8 of 12");
  await expect(kernelStatus(page)).toContainText("idle");
  const shown = await proseOf(page);
  expect(shown.blocks.length).toBeGreaterThan(30);
  expect(shown.blocks.filter((text) => text.trim() === "")).toEqual([]);
  expect(shown.formulas).toBeGreaterThan(50);
  await expect(page.getByText(sentence).first()).toBeVisible();
  await expect(cell(page, 2).locator(".cell-static pre.shiki")).toBeVisible();
  // The same blocks and formulas as the server's HTML has.
  await page.setContent(html.replace(/<script[\s\S]*?<\/script>/g, ""));
  expect(await proseOf(page)).toEqual(shown);
});

test("a lesson reached without a page load (client-side navigation) still shows all its prose and math", async ({ page }) => {
  await page.goto("/lessons/optimizers");
  const loaded = await proseOf(page);
  await page.goto("/");
  await page.evaluate(() => (window as unknown as { next: { router: { push(href: string): void } } }).next.router.push("/lessons/optimizers"));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("ptimi");
  await expect.poll(() => proseOf(page)).toEqual(loaded);
  // Its cells' code highlighted as on a page load, taken from the lesson's HTML.
  await expect(cell(page, 1).locator(".cell-static pre.shiki")).toBeVisible();
  await cell(page, 1).getByRole("button", { name: "Run cell" }).click();
  await expect(output(page, 1)).toContainText("t=10:");
});

test("lesson links load the lesson as a page, so its inline scripts start the kernel while it loads", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Cost functions from maximum likelihood" }).click();
  await expect(page).toHaveURL(LESSON);
  // A document load, not a client-side navigation (which runs no inline script).
  expect(await page.evaluate(() => performance.getEntriesByType("navigation")[0]?.name)).toContain(LESSON);
  await page.getByRole("link", { name: /→$/ }).click();
  await expect(page).toHaveURL(/\/lessons\/output-units$/);
  expect(await page.evaluate(() => performance.getEntriesByType("navigation")[0]?.name)).toContain("/lessons/output-units");
});
