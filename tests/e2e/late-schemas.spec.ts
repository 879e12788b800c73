import type { Page, Route } from "@playwright/test";
import { cell, exercise, expect, kernelStatus, LESSON, output, test } from "./fixtures";

const TITLE = "The mean negative log-likelihood of coin flips";
const MEMORY_KEY = "descent:exercise:bernoulli-nll";

/** Holds back the chunk with the schemas that check stored data (components/stored-schemas.ts) until `release`. */
async function holdSchemas(page: Page) {
  const held: (() => Promise<void>)[] = [];
  let released = false;
  await page.route("**/_next/static/chunks/**/*.js", async (route: Route) => {
    const response = await route.fetch();
    const body = await response.text();
    const send = () => route.fulfill({ response, body });
    // The module that defines the schemas exports them by name; the page's own chunks only read them.
    if (!released && body.includes('"exerciseMemorySchema"')) held.push(send);
    else await send();
  });
  return {
    held: () => held.length,
    release: async () => {
      released = true;
      for (const send of held.splice(0)) await send();
    },
  };
}

test("the page is interactive before the schemas of stored data load, and an exercise's code, result and hints come back once they have", async ({ page }) => {
  test.setTimeout(120_000);
  const memory = {
    code: "// kept from last time\nconst mine = 1;",
    check: { score: 3, maxScore: 7, tests: [{ name: "leaves the flips as they were", passed: true, points: 3, message: "" }] },
    hints: 1,
  };
  await page.addInitScript(([key, value]) => window.localStorage.setItem(key, value), [MEMORY_KEY, JSON.stringify(memory)] as const);
  const schemas = await holdSchemas(page);
  // Not "load": a chunk held back keeps the load event from firing.
  await page.goto(LESSON, { waitUntil: "domcontentloaded" });
  const box = exercise(page, TITLE);

  // Without the schemas: the kernel starts and a cell runs; the exercise still shows the lesson's starter.
  await expect(kernelStatus(page)).toContainText("idle", { timeout: 60_000 });
  await cell(page, 1).getByRole("button", { name: "Run cell" }).click();
  await expect(output(page, 1)).toContainText("heads: 8 of 12", { timeout: 30_000 });
  expect(schemas.held(), "the page asked for the schemas, and they are held back").toBeGreaterThan(0);
  await expect(box.getByRole("textbox", { name: "Exercise code" })).toContainText("// Your code here.");
  await expect(box.getByRole("group", { name: "Check" })).toHaveCount(0);

  await schemas.release();
  await expect(box.getByRole("group", { name: "Check" }).locator("output")).toHaveText("3/7");
  await expect(box.getByRole("textbox", { name: "Exercise code" })).toContainText("const mine = 1;");
  await expect(box.getByRole("list", { name: "Hints" }).getByRole("listitem")).toHaveCount(1);
});
