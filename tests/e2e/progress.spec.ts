/**
 * Progress: cells run and exercises passed mark a lesson's sections done, on the lesson page and on
 * the course index, with a link to continue; for a signed-in learner it follows them to another
 * browser, and so does their code (drafts).
 */
import { cell, exercise, expect, kernelStatus, LESSON, newLearner, openBrowser, test, typeIntoExercise } from "./fixtures";

const SOLUTION =
  "function bernoulliNll(flips: number[], p: number): number { let total = 0; for (const x of flips) total += x === 1 ? Math.log(p) : Math.log(1 - p); return -total / flips.length; }";
const TITLE = "The mean negative log-likelihood of coin flips";
const SECTION = "The likelihood of data";

/** Runs cells 1 and 2 and passes the exercise: all the work of the section "The likelihood of data". */
async function finishFirstSection(page: import("@playwright/test").Page) {
  await expect(kernelStatus(page)).toContainText("idle", { timeout: 60_000 });
  for (const n of [1, 2]) {
    await cell(page, n).getByRole("button", { name: "Run cell" }).click();
    await expect(cell(page, n).getByLabel("Execution count")).toHaveText(/\[\d+\]/, { timeout: 30_000 });
  }
  await typeIntoExercise(page, TITLE, SOLUTION);
  await exercise(page, TITLE).getByRole("button", { name: "Check" }).click();
  await expect(exercise(page, TITLE).getByRole("group", { name: "Check" }).locator("output")).toHaveText("7/7");
}

test("running a section's cells and passing its exercise marks it done, in the lesson and on the index", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(LESSON);
  const sections = page.getByRole("navigation", { name: "Sections of this lesson" });
  await expect(sections).toContainText("0 of 6 sections done");

  // One cell is not the whole section.
  await expect(kernelStatus(page)).toContainText("idle", { timeout: 60_000 });
  await cell(page, 1).getByRole("button", { name: "Run cell" }).click();
  await expect(cell(page, 1)).toContainText("[1]");
  await expect(sections).toContainText("0 of 6 sections done");

  await finishFirstSection(page);
  await expect(sections).toContainText("1 of 6 sections done");
  await expect(sections.getByRole("listitem").filter({ hasText: SECTION })).toContainText("done");

  await page.goto("/");
  const bar = page.getByRole("progressbar", { name: "Progress in Cost functions from maximum likelihood" });
  await expect(bar).toHaveAttribute("value", "1");
  await expect(bar).toHaveAttribute("max", "6");
  await expect(page.getByRole("listitem").filter({ has: bar })).toContainText("1 of 6 sections");
  await expect(page.getByRole("progressbar", { name: "Progress in Output units" })).toHaveAttribute("value", "0");
  const resume = page.getByRole("link", { name: /Continue where you left off/ });
  await expect(resume).toContainText(SECTION);
  await resume.click();
  await expect(page).toHaveURL(/\/lessons\/maximum-likelihood#the-likelihood-of-data$/);
  // Without signing in, nothing is on the server.
  expect((await page.request.get("/api/progress")).status()).toBe(401);
});

test("a signed-in learner's progress and code follow them to a second browser", async ({ browser }) => {
  test.setTimeout(240_000);
  const learner = newLearner("Ada Lovelace");
  const first = await openBrowser(browser, learner);
  await first.page.goto(LESSON);
  await finishFirstSection(first.page);
  const box = exercise(first.page, TITLE);
  await expect(box.getByRole("note")).toContainText("You are seeing your edited code, not the lesson's (saved to your account)");

  // GET /api/progress has it, once the page has sent it.
  await expect
    .poll(async () => (await first.page.request.get("/api/progress")).json(), { timeout: 15_000 })
    .toMatchObject({ lessons: { "maximum-likelihood": { cells: [1, 2], exercises: { "bernoulli-nll": { checked: true, passed: true } } } } });

  const second = await openBrowser(browser, learner);
  await second.page.goto("/");
  await expect(second.page.getByRole("progressbar", { name: "Progress in Cost functions from maximum likelihood" })).toHaveAttribute("value", "1");
  await expect(second.page.getByRole("link", { name: /Continue where you left off/ })).toContainText(SECTION);
  await second.page.goto(LESSON);
  const there = exercise(second.page, TITLE);
  await expect(there.getByRole("textbox", { name: "Exercise code" })).toContainText("let total = 0;");
  await expect(there.getByRole("note")).toContainText("You are seeing your edited code, not the lesson's");
  await expect(second.page.getByRole("navigation", { name: "Sections of this lesson" })).toContainText("1 of 6 sections done");

  // Reset code stays: the lesson's code comes back, and the note goes.
  await there.getByRole("button", { name: "Reset code" }).click();
  await expect(there.getByRole("textbox", { name: "Exercise code" })).toContainText("// Your code here.");
  await expect(there.getByRole("note")).toHaveCount(0);
  await first.close();
  await second.close();
});

test("two browsers' edits of one exercise: the second sees both versions and chooses; the first then follows", async ({ browser }) => {
  test.setTimeout(240_000);
  const learner = newLearner("Grace Hopper");
  const first = await openBrowser(browser, learner);
  const second = await openBrowser(browser, learner);
  // Both open the lesson before either edits.
  await first.page.goto(LESSON);
  await second.page.goto(LESSON);
  const mine = "function bernoulliNll(flips: number[], p: number): number { return 1; } // from the laptop";
  const theirs = "function bernoulliNll(flips: number[], p: number): number { return 2; } // from the phone";

  await typeIntoExercise(first.page, TITLE, mine);
  await expect(exercise(first.page, TITLE).getByRole("note")).toContainText("saved to your account");

  await typeIntoExercise(second.page, TITLE, theirs);
  const choice = exercise(second.page, TITLE).getByRole("group", { name: "Two versions of this code" });
  await expect(choice.getByLabel("The version in this browser")).toHaveText(theirs);
  await expect(choice.getByLabel("The version saved from another browser")).toHaveText(mine);
  await choice.getByRole("button", { name: "Keep this browser's version" }).click();
  await expect(choice).toHaveCount(0);
  await expect(exercise(second.page, TITLE).getByRole("note")).toContainText("saved to your account");

  // The first browser had not edited since: it takes the newer code without asking.
  await first.page.reload();
  await expect(exercise(first.page, TITLE).getByRole("textbox", { name: "Exercise code" })).toContainText("from the phone");
  await expect(exercise(first.page, TITLE).getByRole("group", { name: "Two versions of this code" })).toHaveCount(0);
  await first.close();
  await second.close();
});
