/**
 * The author preview of `npm run dev`: under each exercise, its tests against the solution and each
 * declared mistake, following the author's edits. It needs the dev server (the production build never
 * shows it), so this spec starts `next dev` itself, on a port of its own (AUTHOR_PREVIEW_PORT).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { exercise, expect, LESSON, test } from "./fixtures";

const PORT = Number(process.env.AUTHOR_PREVIEW_PORT ?? 3451);
const BASE = `http://127.0.0.1:${PORT}`;
const EXERCISE = "content/exercises/maximum-likelihood/gaussian-nll";
const MISTAKE = `${EXERCISE}/mistakes/drops-the-constant.ts`;
const TITLE = "The Gaussian negative log-likelihood, and where MSE hides in it";

let dev: ChildProcess | undefined;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  dev = spawn("npx", ["next", "dev", "-p", String(PORT), "-H", "127.0.0.1"], {
    detached: true,
    stdio: "ignore",
    env: { ...process.env, DESCENT_DATA_DIR: ".cache/e2e-dev-data", NODE_ENV: "development" },
  });
  const started = Date.now();
  while (Date.now() - started < 200_000) {
    const up = await fetch(`${BASE}/api/health`).then((response) => response.status < 500, () => false);
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  throw new Error(`next dev did not answer on ${BASE} within 200 s`);
});

test.afterAll(() => {
  // The dev server and everything it started (its own process group).
  if (dev?.pid) process.kill(-dev.pid, "SIGTERM");
});

test("npm run dev shows an exercise's tests against the solution and each mistake, and follows edits", async ({ page }) => {
  // The dev server compiles the lesson page on its first request: minutes on a busy machine.
  test.setTimeout(420_000);
  const original = readFileSync(MISTAKE, "utf8");
  try {
    await page.goto(`${BASE}${LESSON}`, { timeout: 300_000 });
    const preview = exercise(page, TITLE).getByRole("table", { name: "Author preview" });
    await expect(preview.getByRole("columnheader", { name: "drops-the-constant.ts (fails as declared)" })).toBeVisible({ timeout: 120_000 });
    const row = preview.getByRole("row", { name: /^a perfect prediction/ });
    // Columns: test, solution, then the mistakes in exercise.yaml's order.
    await expect(row.getByRole("cell").nth(0)).toHaveText("✓");
    await expect(row.getByRole("cell").nth(1)).toContainText("✗");
    await expect(row.getByRole("cell").nth(1)).toContainText("½·log(2πσ²)");
    await expect(preview.getByRole("row", { name: /^two hundred examples \(hidden\)/ })).toBeVisible();

    // The author "fixes" the mistake file by accident: the preview says it no longer fails as declared.
    writeFileSync(MISTAKE, readFileSync(`${EXERCISE}/solution.ts`, "utf8"));
    await expect(preview.getByRole("columnheader", { name: "drops-the-constant.ts (does NOT fail as declared)" })).toBeVisible({ timeout: 30_000 });
    await expect(row.getByRole("cell").nth(1)).toHaveText("✓");
  } finally {
    writeFileSync(MISTAKE, original);
  }
  await expect(exercise(page, TITLE).getByRole("columnheader", { name: "drops-the-constant.ts (fails as declared)" })).toBeVisible({ timeout: 30_000 });
});

test("the production build shows no author preview and its route answers 404", async ({ page, request }) => {
  expect((await request.get("/api/author/exercises/gaussian-nll/preview")).status()).toBe(404);
  await page.goto(LESSON);
  await expect(exercise(page, TITLE).getByRole("heading", { name: `Exercise: ${TITLE}` })).toBeVisible();
  await expect(page.getByRole("table", { name: "Author preview" })).toHaveCount(0);
});
