/**
 * The instructor's desk in the browser: the analytics page of an exercise names the declared
 * mistakes that submissions show, and a review by hand reaches the learner's page and survives
 * Regrade all. The e2e data folder outlives a run, so each run uses new learners and compares
 * counts with what the API said before.
 */
import { readFileSync } from "node:fs";
import type { APIRequestContext, Page } from "@playwright/test";
import { exercise, expect, LESSON, openExercise, submitSigningIn, test } from "./fixtures";

const INSTRUCTOR = { authorization: "Bearer e2e-instructor-token" };
const EXERCISE = "content/exercises/maximum-likelihood/gaussian-nll";
const TITLE = "The Gaussian negative log-likelihood, and where MSE hides in it";
const run = Date.now();

async function signInInstructor(page: Page) {
  await page.goto("/instructor");
  await page.getByLabel("Instructor token").fill("e2e-instructor-token");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Gradebook" })).toBeVisible();
}

async function submitAs(playwright: { request: { newContext: (options: { baseURL: string }) => Promise<APIRequestContext> } }, baseURL: string, email: string, code: string) {
  const learner = await playwright.request.newContext({ baseURL });
  expect((await learner.post("/api/session", { data: { name: email.split("@")[0], email } })).status()).toBe(200);
  let body = await (await learner.post("/api/submissions", { data: { exerciseId: "gaussian-nll", code } })).json();
  while (body.status !== "graded") body = await (await learner.get(`/api/submissions/${body.id}`)).json();
  await learner.dispose();
  return body as { id: string; score: number };
}

test("the analytics page charts passes per test and counts learners per declared mistake", async ({ page, request, playwright, baseURL }) => {
  test.setTimeout(120_000);
  type Analytics = { learners: number; mistakes: { file: string; learners: number }[]; success: { firstTry: number } };
  const before = (await (await request.get("/api/instructor/exercises/gaussian-nll/analytics", { headers: INSTRUCTOR })).json()) as Analytics;
  const learnersOf = (analytics: Analytics, file: string) => analytics.mistakes.find((mistake) => mistake.file === file)?.learners ?? 0;
  const mistake = (file: string) => readFileSync(`${EXERCISE}/mistakes/${file}`, "utf8");
  await submitAs(playwright, baseURL!, `dropper-a-${run}@example.org`, mistake("drops-the-constant.ts"));
  await submitAs(playwright, baseURL!, `dropper-b-${run}@example.org`, mistake("drops-the-constant.ts"));
  await submitAs(playwright, baseURL!, `sigma-${run}@example.org`, mistake("divides-by-sigma.ts"));
  await submitAs(playwright, baseURL!, `right-${run}@example.org`, readFileSync(`${EXERCISE}/solution.ts`, "utf8"));

  await signInInstructor(page);
  await page.getByRole("link", { name: TITLE }).click();
  await expect(page.getByRole("heading", { name: TITLE })).toBeVisible();
  await expect(page.getByLabel("Totals")).toContainText(`${before.learners + 4} learners`);
  const mistakes = page.getByRole("region", { name: "Declared mistakes" });
  await expect(mistakes.getByRole("listitem").filter({ hasText: "drops-the-constant.ts" })).toContainText(`${learnersOf(before, "drops-the-constant.ts") + 2} learners`);
  await expect(mistakes.getByRole("listitem").filter({ hasText: "divides-by-sigma.ts" })).toContainText(`${learnersOf(before, "divides-by-sigma.ts") + 1} learner`);
  // The chart: one bar per test for submissions and for learners, hidden tests included.
  const chart = page.getByRole("region", { name: "Tests passed" });
  await expect(chart.getByRole("img", { name: /^a perfect prediction: learners: \d+ of \d+$/ })).toBeVisible();
  await expect(chart.getByRole("img", { name: /\(hidden\): submissions: \d+ of \d+$/ }).first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Success" }).getByRole("img", { name: `Full marks on the first submission: ${before.success.firstTry + 1} of ${before.learners + 4}` })).toBeVisible();
});

test("a review by hand changes the learner's score on their page and survives Regrade all", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const email = `reviewed-${run}@example.org`;
  const { box } = await openExercise(page, LESSON, TITLE);
  const submitted = await submitSigningIn(box, { name: "Rosalind Franklin", email });
  await expect(submitted.locator("output")).toHaveText(/^\d+\/\d+$/, { timeout: 30_000 });
  const [auto, max] = ((await submitted.locator("output").textContent()) ?? "").split("/").map(Number) as [number, number];

  const desk = await browser.newContext();
  const instructor = await desk.newPage();
  await signInInstructor(instructor);
  await instructor.getByRole("row", { name: email }).getByRole("link", { name: /best/ }).click();
  const review = instructor.getByRole("form", { name: "Review" });
  await review.getByLabel("Points").fill("3");
  await review.getByLabel("Comment", { exact: true }).fill("The constant term is right; only the average is missing");
  await review.getByRole("button", { name: "Add a rubric line" }).click();
  await review.getByLabel("Points").nth(1).fill("-1");
  await review.getByLabel("Comment", { exact: true }).nth(1).fill("Say what sigma is in a comment");
  await review.getByLabel("Overall comment").fill("Good start: read hint 3.");
  await review.getByRole("button", { name: "Save review" }).click();
  await expect(review.getByRole("status")).toHaveText("Review saved.");
  const expected = Math.min(auto + 2, max);
  await expect(instructor.getByLabel("Effective score")).toContainText(`${expected}/${max} (auto-graded ${auto}/${max}; review +2 → ${expected})`);
  await instructor.goto("/instructor");
  await expect(instructor.getByRole("row", { name: email })).toContainText(/reviewed/);

  await page.reload();
  const reviewed = exercise(page, TITLE).getByRole("group", { name: "Instructor's review" });
  await expect(reviewed).toContainText("+3: The constant term is right; only the average is missing");
  await expect(reviewed).toContainText("−1: Say what sigma is in a comment");
  await expect(reviewed).toContainText("Good start: read hint 3.");
  await expect(exercise(page, TITLE).getByLabel("Effective score")).toHaveText(`${expected}/${max}`);

  await instructor.getByRole("button", { name: "Regrade all gaussian-nll" }).click();
  await expect(instructor.getByRole("status")).toHaveText("Regrading every submission of gaussian-nll.");
  await expect(async () => {
    await page.reload();
    await expect(exercise(page, TITLE).getByLabel("Effective score")).toHaveText(`${expected}/${max}`, { timeout: 2_000 });
    await expect(exercise(page, TITLE).getByRole("group", { name: "Instructor's review" })).toContainText("Good start: read hint 3.", { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await desk.close();
});
