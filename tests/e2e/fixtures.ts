import { type Browser, type BrowserContextOptions, expect, type FrameLocator, type Locator, type Page, test as base } from "@playwright/test";

/**
 * Every browser test fails on an uncaught page error, and on any request that leaves this machine:
 * the course must work offline, with every asset served from our own origin.
 */
export const test = base.extend<{ page: Page }>({
  page: async ({ page }, use) => {
    const errors: string[] = [];
    const external: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (!["127.0.0.1", "localhost"].includes(url.hostname) && !["data:", "blob:"].includes(url.protocol)) {
        external.push(request.url());
      }
    });
    await use(page);
    expect(errors, "uncaught errors on the page").toEqual([]);
    expect(external, "requests that left 127.0.0.1").toEqual([]);
  },
});

export { expect };

export const LESSON = "/lessons/maximum-likelihood";

export function cell(page: Page, n: number): Locator {
  return page.getByRole("region", { name: `Code cell ${n}`, exact: true });
}

export function output(page: Page, n: number): Locator {
  return cell(page, n).getByRole("log", { name: "Output" });
}

export function kernelStatus(page: Page): Locator {
  return page.getByRole("status", { name: "Kernel status" });
}

/** Replaces the code in a cell or exercise through the editor, as a learner would. */
async function replaceCode(page: Page, container: Locator, staticName: string, code: string) {
  const editor = container.locator(".monaco-editor");
  // The first click on the highlighted code loads the editor; if it is already loading, the
  // highlighted code may vanish under the click, which is fine.
  if (!(await editor.isVisible())) {
    await container
      .getByRole("textbox", { name: staticName })
      .click({ timeout: 5_000 })
      .catch(() => undefined);
  }
  await expect(editor).toBeVisible({ timeout: 60_000 });
  await editor.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(code);
}

/**
 * Holds back every request for one of the engine's scripts (the worker's too) until `release()`;
 * `served()` counts those answered since. A worker that loads it synchronously waits the whole time.
 */
export async function holdEngineScript(page: Page, file: string) {
  let release = () => undefined as void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let served = 0;
  await page.context().route(`**/engine/${file}`, async (route) => {
    await released;
    served += 1;
    await route.continue();
  });
  return { release, served: () => served };
}

/** Replaces code cell `n`'s code. */
export function typeInto(page: Page, n: number, code: string) {
  return replaceCode(page, cell(page, n), `Code of code cell ${n}`, code);
}

/** The exercise titled `title` on the page (or in a frame of it: an LMS embeds us in an iframe). */
export function exercise(page: Page | FrameLocator, title: string): Locator {
  return page.getByRole("region", { name: `Exercise: ${title}` });
}

/** Replaces an exercise's code (`scope`: the frame it is in, if any). */
export function typeIntoExercise(page: Page, title: string, code: string, scope: Page | FrameLocator = page) {
  return replaceCode(page, exercise(scope, title), "Exercise code", code);
}

/**
 * A second (or third) browser for one test: a new context, optionally signed in as `learner`
 * (its cookies, as the sign-in form would set them), failing the test on any page error.
 */
export async function openBrowser(browser: Browser, learner?: { name: string; email: string }, options: BrowserContextOptions = {}) {
  const context = await browser.newContext(options);
  if (learner) expect((await context.request.post("/api/session", { data: learner })).ok()).toBe(true);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  return {
    page,
    async close() {
      await context.close();
      expect(errors, "uncaught errors on the page").toEqual([]);
    },
  };
}

/** A learner nobody else in the run uses. */
export const newLearner = (name: string) => ({ name, email: `${name.toLowerCase().replace(/\W+/g, "-")}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com` });

/** Opens the lesson at `path` and waits for its kernel: the exercise `title`'s region and its Check results. */
/** Clicks an exercise's Submit as a learner who has not signed in, and signs in through its form; returns the Submission results. */
export async function submitSigningIn(box: Locator, learner: { name: string; email: string }): Promise<Locator> {
  await box.getByRole("button", { name: "Submit" }).click();
  const form = box.getByRole("form", { name: "Sign in to submit" });
  await form.getByLabel("Name").fill(learner.name);
  await form.getByLabel("Email").fill(learner.email);
  await form.getByRole("button", { name: "Sign in and submit" }).click();
  return box.getByRole("group", { name: "Submission" });
}

export async function openExercise(page: Page, path: string, title: string) {
  await page.goto(path);
  const box = exercise(page, title);
  await expect(box).toBeVisible();
  await expect(kernelStatus(page)).toContainText("idle", { timeout: 60_000 });
  return { box, results: box.getByRole("group", { name: "Check" }) };
}
