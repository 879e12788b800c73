/**
 * Submitting from the lesson page, the HTTP API as the issue fixes it, the instructor's views, and
 * a scan of what the production build serves for any trace of hidden tests.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { exercise, expect, LESSON, openExercise, submitSigningIn, test } from "./fixtures";

const EXERCISE = "content/exercises/maximum-likelihood/bernoulli-nll";
const INSTRUCTOR = { authorization: "Bearer e2e-instructor-token" };

const TITLE = "The mean negative log-likelihood of coin flips";

/**
 * Distinctive text from every exercise's hidden tests: their longer string literals (test names,
 * messages) and longer lines of code, minus anything the exercise also shows (visible tests, prompt, starter).
 */
function hiddenFingerprints(): string[] {
  const root = "content/exercises";
  const read = (file: string) => {
    try {
      return readFileSync(file, "utf8");
    } catch {
      return "";
    }
  };
  const dirs = readdirSync(root).flatMap((lesson) => readdirSync(join(root, lesson)).map((id) => join(root, lesson, id)));
  // Text any exercise shows publicly is not a leak, even when a hidden test repeats it (e.g. a shared test name).
  const shown = dirs.flatMap((dir) => ["tests.visible.ts", "prompt.mdx", "starter.ts", "exercise.yaml"].map((file) => read(join(dir, file)))).join("\n");
  const found = new Set<string>();
  for (const dir of dirs) {
    const source = read(join(dir, "tests.hidden.ts"));
    const literals = [...source.matchAll(/"([^"\n]{16,})"/g)].map((m) => m[1] ?? "");
    const lines = source.split("\n").map((line) => line.trim()).filter((line) => line.length >= 40 && !line.startsWith("//") && !line.startsWith("import") && !line.startsWith("*"));
    for (const text of [...literals, ...lines]) if (!text.startsWith("@/") && !shown.includes(text)) found.add(text);
  }
  return [...found];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

async function signIn(request: APIRequestContext, name: string, email: string) {
  const response = await request.post("/api/session", { data: { name, email } });
  expect(response.status()).toBe(200);
  expect(response.headers()["set-cookie"]).toMatch(/descent_session=[^;]+;.*HttpOnly/i);
}

test("the API signs in, lists exercises, grades a submission and returns it by id", async ({ request, playwright, baseURL }) => {
  const anonymous = await request.post("/api/submissions", { data: { exerciseId: "bernoulli-nll", code: "" } });
  expect(anonymous.status()).toBe(401);

  await signIn(request, "Grace Hopper", "grace@example.org");
  const exercises = await (await request.get("/api/exercises")).json();
  expect(exercises).toEqual(expect.arrayContaining([{ id: "bernoulli-nll", lesson: "maximum-likelihood", title: "The mean negative log-likelihood of coin flips", maxScore: 13 }]));

  const solution = readFileSync(join(EXERCISE, "solution.ts"), "utf8");
  const created = await request.post("/api/submissions", { data: { exerciseId: "bernoulli-nll", code: solution } });
  expect(created.status()).toBe(201);
  let body = await created.json();
  // Once graded, the score that counts under the exercise's rules comes along (`effective`, with how it was computed).
  expect(Object.keys(body).sort()).toEqual(body.status === "graded" ? ["effective", "id", "maxScore", "score", "status", "tests"] : ["id", "maxScore", "score", "status", "tests"]);
  for (let i = 0; i < 100 && body.status !== "graded"; i++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    body = await (await request.get(`/api/submissions/${body.id}`)).json();
  }
  expect(body).toMatchObject({ status: "graded", score: 13, maxScore: 13 });
  expect(body.tests).toHaveLength(7);
  for (const t of body.tests) expect(Object.keys(t).sort()).toEqual(["message", "name", "passed", "points"]);
  expect(await (await request.get(`/api/submissions/${body.id}`)).json()).toEqual(body);
  // Hidden tests are reported by name and message only after the due date.
  expect(body.tests.slice(4).map((t: { name: string }) => t.name)).toEqual(["Hidden test 1", "Hidden test 2", "Hidden test 3"]);

  const stranger = await playwright.request.newContext({ baseURL });
  await signIn(stranger, "Mallory", "mallory@example.org");
  expect((await stranger.get(`/api/submissions/${body.id}`)).status()).toBe(404);
  expect((await stranger.get("/api/instructor/gradebook.csv")).status()).toBe(403);
  await stranger.dispose();

  const csv = await request.get("/api/instructor/gradebook.csv", { headers: INSTRUCTOR });
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(await csv.text()).toMatch(/^name,email,exercise,best,latest,max_score,submissions,reviewed,effective,how\r\n[\s\S]*Grace Hopper,grace@example\.org,bernoulli-nll,13,13,13,\d+,0,13,latest submission 13\/13\r\n/);
  const instructorView = await (await request.get(`/api/submissions/${body.id}`, { headers: INSTRUCTOR })).json();
  expect(instructorView.tests[4].name).toBe("forty flips of a biased coin");
});

test("Submit from the lesson: sign in, graded on the server with hidden tests, kept across reloads", async ({ page }) => {
  test.setTimeout(120_000);
  const { box } = await openExercise(page, LESSON, TITLE);
  const results = await submitSigningIn(box, { name: "Ada Lovelace", email: "ada@example.org" });
  // The starter (returns 0) passes only "leaves the flips as they were".
  await expect(results.locator("output")).toHaveText("1/13", { timeout: 30_000 });
  await expect(results).toContainText("Hidden test 1");
  await expect(results).toContainText("Failed: details are shown after the due date");
  await expect(results).not.toContainText("forty flips");
  await page.reload();
  await expect(exercise(page, TITLE).getByRole("group", { name: "Submission" }).locator("output")).toHaveText("1/13");
});

test("a reloaded page follows a submission the server is grading again until its verdict is back", async ({ page }) => {
  test.setTimeout(120_000);
  const { box } = await openExercise(page, LESSON, TITLE);
  const results = await submitSigningIn(box, { name: "Frances Allen", email: `follow-${Date.now()}@example.org` });
  await expect(results.locator("output")).toHaveText("1/13", { timeout: 30_000 });
  // As during a Regrade all: the server's first answers after the reload say the submission waits again.
  let held = 0;
  await page.route("**/api/submissions/*", async (route) => {
    const response = await route.fetch();
    if (route.request().method() !== "GET" || held >= 3) return route.fulfill({ response });
    held++;
    return route.fulfill({ response, json: { ...(await response.json()), status: "queued" } });
  });
  await page.reload();
  const again = exercise(page, TITLE).getByRole("group", { name: "Submission" });
  await expect(again).toContainText("(queued…)");
  await expect(again).toContainText("(all tests, graded on the server)", { timeout: 30_000 });
  await expect(again.locator("output")).toHaveText("1/13");
  expect(held).toBe(3);
});

test("the gradebook lists learners by exercise, links each submission, and regrades", async ({ page }) => {
  await page.goto("/instructor");
  await page.getByLabel("Instructor token").fill("e2e-instructor-token");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Gradebook" })).toBeVisible();
  const row = page.getByRole("row", { name: /Grace Hopper/ });
  await expect(row).toContainText(/best 13\/13, latest 13 \(\d+ submissions?\)/);
  await row.getByRole("link").click();
  await expect(page.getByRole("heading", { name: "Grace Hopper: bernoulli-nll" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Test results" })).toContainText("forty flips of a biased coin (hidden)");
  await page.goto("/instructor");
  await page.getByRole("button", { name: "Regrade all bernoulli-nll" }).click();
  await expect(page.getByRole("status")).toHaveText("Regrading every submission of bernoulli-nll.");
});

test("no hidden-test source is in the production build, the lesson page or the API's answers", async ({ request, page }) => {
  const fingerprints = hiddenFingerprints();
  expect(fingerprints.length).toBeGreaterThan(5);
  const served = [...filesUnder(".next/static"), ...filesUnder(".next/server/app").filter((file) => /\.(html|rsc|body|meta)$/.test(file))];
  expect(served.length).toBeGreaterThan(10);
  // One pass per file: every fingerprint is looked up by its first 16 characters at each position.
  const byAnchor = new Map<string, string[]>();
  for (const needle of fingerprints) byAnchor.set(needle.slice(0, 16), [...(byAnchor.get(needle.slice(0, 16)) ?? []), needle]);
  const leaks: string[] = [];
  for (const file of served) {
    const text = readFileSync(file, "utf8");
    for (let i = 0; i + 16 <= text.length; i++) {
      for (const needle of byAnchor.get(text.substr(i, 16)) ?? []) if (text.startsWith(needle, i)) leaks.push(`${file}: ${needle}`);
    }
  }
  expect(leaks, "hidden-test text in the production build").toEqual([]);
  const html = await (await request.get(LESSON)).text();
  await page.goto(LESSON);
  const rendered = await page.content();
  const api = await (await request.get("/api/exercises")).text();
  for (const text of [html, rendered, api]) for (const needle of fingerprints) expect(text).not.toContain(needle);
  // And the check script that is on the page does hold the visible tests (so the scan is looking at the right thing).
  expect(html).toContain("averages over the flips");
});

test("a retried POST with the same Idempotency-Key returns the first submission instead of storing a second", async ({ request }) => {
  // A new learner each run: the e2e data folder outlives a run.
  const email = `edsger-${Date.now()}@example.org`;
  await signIn(request, "Edsger Dijkstra", email);
  const solution = readFileSync(join(EXERCISE, "solution.ts"), "utf8");
  const headers = { "idempotency-key": `e2e-${Date.now()}` };
  const first = await request.post("/api/submissions", { data: { exerciseId: "bernoulli-nll", code: solution }, headers });
  expect(first.status()).toBe(201);
  const again = await request.post("/api/submissions", { data: { exerciseId: "bernoulli-nll", code: solution }, headers });
  expect(again.status()).toBe(200);
  expect(again.headers()["idempotent-replayed"]).toBe("true");
  expect((await again.json()).id).toBe((await first.json()).id);
  const elsewhere = await request.post("/api/submissions", { data: { exerciseId: "best-constant", code: solution }, headers });
  expect(elsewhere.status()).toBe(422);
  expect((await request.post("/api/submissions", { data: { exerciseId: "bernoulli-nll", code: solution }, headers: { "idempotency-key": "" } })).status()).toBe(400);
  // Counted once, once graded: an earlier test's "Regrade all" may still hold the queue.
  const gradebook = async () => (await request.get("/api/instructor/gradebook.csv", { headers: INSTRUCTOR })).text();
  await expect.poll(gradebook, { timeout: 45_000 }).toContain(`Edsger Dijkstra,${email},bernoulli-nll,13,13,13,1,0,13,latest submission 13/13\r\n`);
});

test("a bad submission is answered with what to fix: not JSON, a missing field, a body over 1 MB, an unknown exercise", async ({ request }) => {
  await signIn(request, "Frances Allen", `frances-${Date.now()}@example.org`);
  // Bytes, sent as they are (a string would be JSON-encoded by the test client).
  const post = (text: string) => request.post("/api/submissions", { data: Buffer.from(text), headers: { "content-type": "application/json" } });
  const notJson = await post("{not json");
  expect(notJson.status()).toBe(400);
  expect(notJson.headers()["content-type"]).toMatch(/^application\/json/);
  expect(notJson.headers()["cache-control"]).toBe("no-store, no-transform");
  expect((await notJson.json()).error).toMatch(/^the body is not JSON: send \{"exerciseId"/);
  const missing = await post(JSON.stringify({ exerciseId: "bernoulli-nll" }));
  expect(missing.status()).toBe(400);
  expect((await missing.json()).error).toMatch(/^code: /);
  const huge = await post(JSON.stringify({ exerciseId: "bernoulli-nll", code: "x".repeat(1_100_000) }));
  expect(huge.status()).toBe(413);
  expect((await huge.json()).error).toContain("200,000 characters");
  const unknown = await post(JSON.stringify({ exerciseId: "no-such-exercise", code: "export {}" }));
  expect(unknown.status()).toBe(404);
  expect((await unknown.json()).error).toContain("no-such-exercise");
});

test("Submit sends again, with the same key, after the answer to its POST is lost, and the learner is counted once", async ({ page, request }) => {
  test.setTimeout(120_000);
  const keys: string[] = [];
  const email = `barbara-${Date.now()}@example.org`;
  await page.route("**/api/submissions", async (route) => {
    const response = await route.fetch();
    // Before sign-in the server answers 401 and the page shows the sign-in form: pass that on.
    if (response.status() === 401) return route.fulfill({ response });
    keys.push(route.request().headers()["idempotency-key"] ?? "");
    // The first accepted submission is stored, but its answer never reaches the page.
    if (keys.length === 1) return route.abort("connectionreset");
    return route.fulfill({ response });
  });
  const { box } = await openExercise(page, LESSON, TITLE);
  const results = await submitSigningIn(box, { name: "Barbara Liskov", email });
  await expect(results.locator("output")).toHaveText("1/13", { timeout: 30_000 });
  expect(keys.length).toBe(2);
  expect(new Set(keys).size).toBe(1);
  expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
  const csv = await (await request.get("/api/instructor/gradebook.csv", { headers: INSTRUCTOR })).text();
  expect(csv).toContain(`Barbara Liskov,${email},bernoulli-nll,1,1,13,1,0,1,latest submission 1/13\r\n`);
});

test("GET /api/health and the instructor page say where grading runs and how deep the queue is", async ({ page, request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ ok: true, mode: "embedded", database: "sqlite", queue: { queued: expect.any(Number), running: expect.any(Number) }, workers: { alive: 0 } });
  expect((await health.json()).workers.sandboxProcesses).toBeGreaterThan(0);
  await page.goto("/instructor");
  await page.getByLabel("Instructor token").fill("e2e-instructor-token");
  await page.getByRole("button", { name: "Sign in" }).click();
  const status = page.getByRole("region", { name: "Grading status" });
  await expect(status).toContainText(/In the web server \(embedded, SQLite\): \d+ sandbox processes\./);
  await expect(status).toContainText(/Queue depth\s*\d+ waiting, \d+ being graded/);
});
