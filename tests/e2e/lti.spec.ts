/**
 * Arriving from an LMS: a test platform (tests/shared/lti-platform.ts, on this checkout's port
 * 3463 or DESCENT_E2E_LTI_PORT) embeds Descent in an iframe on its course page, as Canvas and
 * Moodle do; the learner is signed in by the launch, opens the lesson, submits an exercise, and the
 * platform's AGS endpoint receives the score. The platform is on `localhost`, Descent on
 * `127.0.0.1`: two sites, so the session cookie is a third-party one inside the frame.
 */
import { ROLES, TestPlatform } from "../shared/lti-platform";
import { exercise, expect, test, typeIntoExercise } from "./fixtures";

const PORT = Number(process.env.DESCENT_E2E_LTI_PORT ?? 3463);
const TITLE = "The mean negative log-likelihood of coin flips";
const INSTRUCTOR = { authorization: "Bearer e2e-instructor-token" };
// One line: the editor's auto-indent would re-indent a pasted multi-line block.
const SOLUTION = "function bernoulliNll(flips: number[], p: number): number { let total = 0; for (const x of flips) total += x === 1 ? Math.log(p) : Math.log(1 - p); return -total / flips.length; }";

let platform: TestPlatform;

/** Descent, as playwright.config.ts serves it. */
const TOOL = `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}`;

test.beforeAll(async () => {
  // A new client id and course per run: the e2e data folder keeps registrations and courses from earlier runs.
  const run = Date.now().toString(36);
  platform = await TestPlatform.start(PORT, async () => (await fetch(`${TOOL}/api/lti/jwks`)).json(), { clientId: `descent-e2e-${run}`, course: { id: `course-${run}`, title: `Gradient Descent 101 (${run})` } });
  const registered = await fetch(`${TOOL}/api/lti/platforms`, { method: "POST", body: JSON.stringify(platform.registration("Test LMS")), headers: { ...INSTRUCTOR, "content-type": "application/json" } });
  expect(registered.status).toBe(201);
});

test.afterAll(async () => {
  await platform?.stop();
});

test("a learner launched from the LMS's course page is signed in inside the iframe, submits, and the LMS gets the score", async ({ page, baseURL, request }) => {
  test.setTimeout(180_000);
  const sub = `learner-${Date.now()}`;
  await page.goto(platform.coursePageUrl(`${baseURL}/api/lti/login`, { sub, name: "Katherine Johnson", email: "kj@school.example", roles: [ROLES.learner], targetLinkUri: `${baseURL}/lessons/maximum-likelihood#exercise-bernoulli-nll` }));
  await expect(page.getByRole("heading", { name: platform.contextTitle })).toBeVisible();
  const frame = page.frameLocator('iframe[title="Descent"]');
  const box = exercise(frame, TITLE);
  await expect(box).toBeVisible({ timeout: 60_000 });
  // The LMS page stays on top; Descent runs inside its frame.
  expect(new URL(page.url()).origin).toBe(platform.origin);
  await typeIntoExercise(page, TITLE, SOLUTION, frame);
  await box.getByRole("button", { name: "Submit" }).click();
  // Signed in by the launch: no sign-in form, straight to the grade.
  await expect(box.getByRole("group", { name: "Submission" }).locator("output")).toHaveText("13/13", { timeout: 60_000 });
  await expect(box.getByRole("form", { name: "Sign in to submit" })).toHaveCount(0);
  await expect.poll(() => platform.scores.find((score) => score.userId === sub), { timeout: 30_000 }).toMatchObject({ scoreGiven: 13, scoreMaximum: 13, gradingProgress: "FullyGraded" });
  expect(platform.lineItems.find((item) => item.resourceId === "bernoulli-nll")).toMatchObject({ label: TITLE, scoreMaximum: 13 });

  // The instructor reads the roster from the LMS: it shows in the gradebook with the learner's score.
  platform.members = [
    { user_id: sub, name: "Katherine Johnson", email: "kj@school.example", roles: [ROLES.learner] },
    { user_id: `waiting-${sub}`, name: "Dorothy Vaughan", roles: [ROLES.learner] },
  ];
  const synced = await request.post("/api/lti/roster", { headers: INSTRUCTOR });
  // Courses of earlier runs' platforms (gone now) may fail; this course's roster must not.
  const { errors } = (await synced.json()) as { errors: string[] };
  expect(errors.filter((error) => error.startsWith(`${platform.contextTitle}:`))).toEqual([]);
  await page.setExtraHTTPHeaders(INSTRUCTOR);
  await page.goto("/instructor");
  const roster = page.getByRole("table", { name: `Roster of ${platform.contextTitle}` });
  await expect(roster.getByRole("row", { name: /Katherine Johnson/ })).toContainText("13/13");
  await expect(roster.getByRole("row", { name: /Dorothy Vaughan/ })).toContainText("has not opened Descent yet");
});

test("a launch with a forged token gets an error page, not a stack trace", async ({ page, baseURL }) => {
  const login = platform.prepare({ sub: "mallory", name: "Mallory", roles: [ROLES.learner], targetLinkUri: `${baseURL}/lessons/maximum-likelihood` });
  platform.tamper = { aud: "some-other-tool" };
  try {
    await page.goto(`${baseURL}/api/lti/login?${login}`);
    await expect(page.getByRole("heading", { name: "This launch could not be verified" })).toBeVisible();
    await expect(page.getByRole("alert")).toContainText("meant for another tool");
    await expect(page.locator("body")).not.toContainText("at verifyLaunch");
  } finally {
    platform.tamper = {};
  }
});

test("when the browser drops every cookie inside the iframe, the frame offers a new window, which opens the lesson signed in", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  // A browser that keeps no third-party cookie at all (partitioned ones included), as Safari may:
  // the launch's Set-Cookie never reaches the cookie jar.
  await page.route("**/api/lti/launch", async (route) => {
    const response = await route.fetch();
    const headers = Object.fromEntries(Object.entries(response.headers()).filter(([name]) => name !== "set-cookie"));
    await route.fulfill({ response, headers });
  });
  const sub = `blocked-${Date.now()}`;
  await page.goto(platform.coursePageUrl(`${baseURL}/api/lti/login`, { sub, name: "Mary Jackson", roles: [ROLES.learner], targetLinkUri: `${baseURL}/lessons/maximum-likelihood` }));
  const frame = page.frameLocator('iframe[title="Descent"]');
  await expect(frame.getByRole("alert")).toContainText("blocks third-party cookies", { timeout: 30_000 });
  const link = frame.getByRole("link", { name: "Open Descent in a new window" });
  const frameLink = new URL((await link.getAttribute("href")) ?? "", baseURL).toString();
  const [popup] = await Promise.all([page.waitForEvent("popup"), link.click()]);
  await expect(popup).toHaveURL(`${baseURL}/lessons/maximum-likelihood`);
  expect(await (await popup.request.get(`${baseURL}/api/lti/session`)).json()).toEqual({ signedIn: true });
  // The link worked once.
  await popup.goto(frameLink);
  await expect(popup.getByRole("heading", { name: "This link was already used" })).toBeVisible();
});
