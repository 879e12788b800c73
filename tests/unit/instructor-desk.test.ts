/**
 * The instructor's desk through the HTTP API (the route handlers, called as Next calls them): the
 * rules of exercise.yaml enforced on the server, reviews by hand that change the score the learner
 * and the gradebook see and survive Regrade all, and analytics that match failing submissions to
 * the mistakes an exercise declares.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as analyticsRoute } from "@/app/api/instructor/exercises/[id]/analytics/route";
import { GET as csvRoute } from "@/app/api/instructor/gradebook.csv/route";
import { POST as reviewRoute } from "@/app/api/instructor/submissions/[id]/review/route";
import { POST as hintsRoute } from "@/app/api/exercises/[id]/hints/route";
import { GET as submissionRoute } from "@/app/api/submissions/[id]/route";
import { POST as submitRoute } from "@/app/api/submissions/route";
import { GET as similarityRoute } from "@/app/api/instructor/exercises/[id]/similarity/route";
import { GradingService } from "@/grader/service.server";
import { SESSION_COOKIE, sessionToken } from "@/grader/session.server";

process.env.DESCENT_SESSION_SECRET = "desk-test-secret";
process.env.DESCENT_INSTRUCTOR_TOKEN = "desk-test-instructor";

const REAL = join(process.cwd(), "content", "exercises", "maximum-likelihood", "bernoulli-nll");
const exercisesDir = mkdtempSync(join(tmpdir(), "descent-desk-exercises-"));
const dataDir = mkdtempSync(join(tmpdir(), "descent-desk-data-"));
const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString().replace(/\.\d+Z$/, "Z");

/** bernoulli-nll under another id, with rules added to its exercise.yaml. */
function variant(id: string, rules: string, change: (yaml: string) => string = (yaml) => yaml) {
  const dir = join(exercisesDir, "maximum-likelihood", id);
  cpSync(REAL, dir, { recursive: true });
  const yaml = readFileSync(join(dir, "exercise.yaml"), "utf8").replace("id: bernoulli-nll", `id: ${id}`);
  writeFileSync(join(dir, "exercise.yaml"), `${change(yaml)}${rules}\n`);
}
variant("plain", "");
variant("two-tries", "maxAttempts: 2");
// Due two and a half days ago: a submission now is in its third day late.
const pastDue = (yaml: string) => yaml.replace(/^due: .*$/m, `due: ${daysAgo(2.5)}`);
variant("late-penalty", "late:\n  penaltyPerDay: 1.5\n  lastDay: 5\n  after: zero", pastDue);
variant("late-zero", "late:\n  penaltyPerDay: 1\n  lastDay: 2\n  after: zero", pastDue);
variant("closed", "late:\n  penaltyPerDay: 1\n  lastDay: 2\n  after: refuse", pastDue);
variant("hint-penalty", "hintPenalty: 2");
variant("copies", "");

const service = await GradingService.open({ dataDir, poolSize: 2, exercisesDir });
beforeAll(() => {
  (globalThis as { __descentGrader?: Promise<GradingService> }).__descentGrader = Promise.resolve(service);
});
afterAll(async () => {
  await service.close();
  rmSync(exercisesDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

const solution = readFileSync(join(REAL, "solution.ts"), "utf8");
const starter = readFileSync(join(REAL, "starter.ts"), "utf8");
const mistake = (file: string) => readFileSync(join(REAL, "mistakes", file), "utf8");

const URL_BASE = "http://127.0.0.1:3450";
const asLearner = (email: string) => ({ cookie: `${SESSION_COOKIE}=${sessionToken(email)}` });
const asInstructor = { authorization: "Bearer desk-test-instructor" };
const params = (id: string) => ({ params: Promise.resolve({ id }) });

type Body = Record<string, unknown> & { error?: string; id: string; score: number; effective?: { score: number; steps: string[] }; review?: { comment: string; lines: unknown[] }; attempts?: { used: number; max: number } };

async function submit(email: string, exerciseId: string, code: string): Promise<{ status: number; body: Body }> {
  await service.store.upsertLearner(email, email.split("@")[0] ?? email);
  const response = await submitRoute(new NextRequest(`${URL_BASE}/api/submissions`, { method: "POST", headers: { ...asLearner(email), "content-type": "application/json" }, body: JSON.stringify({ exerciseId, code }) }));
  const body = (await response.json()) as Body;
  if (response.status === 201 && (body as { status?: string }).status !== "graded") {
    await service.waitFor(body.id, 30_000);
    return { status: 201, body: await fetchSubmission(email, body.id) };
  }
  return { status: response.status, body };
}

async function fetchSubmission(email: string, id: string): Promise<Body> {
  return (await (await submissionRoute(new NextRequest(`${URL_BASE}/api/submissions/${id}`, { headers: asLearner(email) }), params(id))).json()) as Body;
}

async function waitUntilGraded(exerciseId: string) {
  const started = Date.now();
  while ((await service.store.forExercise(exerciseId)).some((s) => s.status !== "graded") && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 50));
}

describe("rules per exercise, enforced through the API", { timeout: 120_000 }, () => {
  it("maxAttempts: the API answers 409 once the attempts are used, and says how many are left", async () => {
    const first = await submit("ada@example.org", "two-tries", starter);
    expect(first.status).toBe(201);
    expect(first.body.attempts).toEqual({ used: 1, max: 2 });
    const second = await submit("ada@example.org", "two-tries", solution);
    expect(second.body.attempts).toEqual({ used: 2, max: 2 });
    const third = await submit("ada@example.org", "two-tries", solution);
    expect(third.status).toBe(409);
    expect(third.body.error).toBe("you have used all 2 attempts at this exercise: your best submission counts");
    // Another learner has their own attempts.
    expect((await submit("bob@example.org", "two-tries", solution)).status).toBe(201);
  });

  it("late policy: a penalty per day after due, zero or refusal past the last day", async () => {
    const late = await submit("ada@example.org", "late-penalty", solution);
    expect(late.body.score).toBe(13);
    expect(late.body.effective).toEqual({ score: 8.5, maxScore: 13, steps: ["auto-graded 13/13", "late 3 days × 1.5: −4.5 → 8.5"] });
    const zero = await submit("ada@example.org", "late-zero", solution);
    expect(zero.status).toBe(201);
    expect(zero.body.effective?.score).toBe(0);
    expect(zero.body.effective?.steps[1]).toBe("submitted 3 days after the due date, past the last day (2): → 0");
    const closed = await submit("ada@example.org", "closed", solution);
    expect(closed.status).toBe(403);
    expect(closed.body.error).toMatch(/^submissions closed 2 days after the due date \(/);
    // On time, no penalty: the plain exercise is due in 2027.
    expect((await submit("ada@example.org", "plain", solution)).body.effective).toEqual({ score: 13, maxScore: 13, steps: ["auto-graded 13/13"] });
  });

  it("hintPenalty: hints opened by a signed-in learner are recorded on the server and cost points", async () => {
    const open = (email: string | undefined, opened: number) =>
      hintsRoute(new NextRequest(`${URL_BASE}/api/exercises/hint-penalty/hints`, { method: "POST", headers: { ...(email ? asLearner(email) : {}), "content-type": "application/json" }, body: JSON.stringify({ opened }) }), params("hint-penalty"));
    expect((await open(undefined, 1)).status).toBe(401);
    await service.store.upsertLearner("cy@example.org", "Cy");
    expect(await (await open("cy@example.org", 2)).json()).toEqual({ opened: 2 });
    // Closing the page and opening one hint again does not lower the count.
    expect(await (await open("cy@example.org", 1)).json()).toEqual({ opened: 2 });
    // Never more than the exercise has (3 hints).
    expect(await (await open("cy@example.org", 99)).json()).toEqual({ opened: 3 });
    const graded = await submit("cy@example.org", "hint-penalty", solution);
    expect(graded.body.effective).toEqual({ score: 7, maxScore: 13, steps: ["auto-graded 13/13", "3 hints opened × 2: −6 → 7"] });
    // A learner who opened none pays nothing.
    expect((await submit("dan@example.org", "hint-penalty", solution)).body.effective?.score).toBe(13);
  });
});

describe("review by hand", { timeout: 120_000 }, () => {
  it("changes the learner's score, shows in the gradebook and CSV, and survives Regrade all", async () => {
    const { body } = await submit("eve@example.org", "plain", starter);
    expect(body.score).toBe(1);
    const review = (data: unknown, headers: Record<string, string> = asInstructor) =>
      reviewRoute(new NextRequest(`${URL_BASE}/api/instructor/submissions/${body.id}/review`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(data) }), params(body.id));
    const lines = [
      { points: 4, comment: "The loop is right; only the division is missing" },
      { points: -1, comment: "Name the total, not x" },
    ];
    expect((await review({ lines, comment: "Close!" }, asLearner("eve@example.org"))).status).toBe(403);
    expect((await review({ lines: [{ points: 1, comment: "" }], comment: "" })).status).toBe(400);
    expect((await review({ lines, comment: "Close! Divide by the number of flips." })).status).toBe(200);

    const seen = await fetchSubmission("eve@example.org", body.id);
    expect(seen.review).toMatchObject({ lines, comment: "Close! Divide by the number of flips.", points: 3 });
    expect(seen.effective).toEqual({ score: 4, maxScore: 13, steps: ["auto-graded 1/13", "review +3 → 4"] });

    const csv = async () => (await (await csvRoute(new NextRequest(`${URL_BASE}/api/instructor/gradebook.csv`, { headers: asInstructor }))).text()).split("\r\n");
    expect((await csv())[0]).toBe("name,email,exercise,best,latest,max_score,submissions,reviewed,effective,how");
    expect((await csv()).find((line) => line.startsWith("eve,"))).toBe("eve,eve@example.org,plain,4,4,13,1,1,4,latest submission (reviews counted) 4/13");

    expect(await service.regradeAll("plain")).toBeGreaterThanOrEqual(1);
    await waitUntilGraded("plain");
    const after = await fetchSubmission("eve@example.org", body.id);
    expect(after.score).toBe(1);
    expect(after.review?.comment).toBe("Close! Divide by the number of flips.");
    expect(after.effective?.score).toBe(4);
    expect((await service.gradebook()).find((row) => row.email === "eve@example.org")).toMatchObject({ best: 4, latest: 4, reviewed: 1 });
  });
});

describe("analytics per exercise", { timeout: 120_000 }, () => {
  it("counts passes per test, matches failing submissions to declared mistakes, and tells first try from eventual success", async () => {
    // A seeded exercise: each learner has their own numbers, so each their own failure messages.
    await submit("ann@example.org", "plain", mistake("sums-instead-of-averaging.ts"));
    await submit("ann@example.org", "plain", solution);
    await submit("ben@example.org", "plain", mistake("sums-instead-of-averaging.ts"));
    await submit("cat@example.org", "plain", mistake("forgets-the-minus-sign.ts"));
    await submit("dov@example.org", "plain", mistake("sorts-the-flips.ts"));
    // Sums and also forgets the sign: fails, but not exactly as any one declared mistake does.
    await submit("dov@example.org", "plain", mistake("sums-instead-of-averaging.ts").replace("return -total;", "return total;"));
    const response = await analyticsRoute(new NextRequest(`${URL_BASE}/api/instructor/exercises/plain/analytics`, { headers: asInstructor }), params("plain"));
    expect(response.status).toBe(200);
    const analytics = (await response.json()) as {
      learners: number;
      submissions: number;
      tests: { name: string; hidden: boolean; submissions: number; learners: number }[];
      mistakes: { file: string; submissions: number; learners: number }[];
      unexplained: number;
      scores: { score: number; submissions: number; learners: number }[];
      success: { firstTry: number; eventually: number; notYet: number };
    };
    // Earlier in this file: ada (solution), eve (starter, reviewed); here ann, ben, cat, dov.
    expect(analytics.learners).toBe(6);
    expect(analytics.submissions).toBe(8);
    expect(analytics.mistakes.map(({ file, submissions, learners }) => ({ file, submissions, learners }))).toEqual([
      { file: "sums-instead-of-averaging.ts", submissions: 2, learners: 2 },
      { file: "forgets-the-minus-sign.ts", submissions: 1, learners: 1 },
      { file: "sorts-the-flips.ts", submissions: 1, learners: 1 },
    ]);
    // eve's starter and dov's double mistake.
    expect(analytics.unexplained).toBe(2);
    const test = (name: string) => analytics.tests.find((t) => t.name === name);
    // Only sorting keeps the flips' order wrong: every other submission leaves them as they were.
    expect(test("leaves the flips as they were")).toMatchObject({ hidden: false, submissions: 7, learners: 6 });
    // A fair coin: the two solutions and the sorting one pass it.
    expect(test("a fair coin")).toMatchObject({ submissions: 3, learners: 3 });
    expect(test("a rare event")?.hidden).toBe(true);
    expect(analytics.success).toEqual({ firstTry: 1, eventually: 1, notYet: 4 });
    expect(analytics.scores.find((bucket) => bucket.score === 13)).toEqual({ score: 13, submissions: 2, learners: 2 });
    expect(analytics.scores.reduce((sum, bucket) => sum + bucket.learners, 0)).toBe(6);
    // Instructors only.
    expect((await analyticsRoute(new NextRequest(`${URL_BASE}/api/instructor/exercises/plain/analytics`, { headers: asLearner("ann@example.org") }), params("plain"))).status).toBe(403);
  });

  it("lets the site answer other requests while it grades a class's mistakes, and gives the same figures again", async () => {
    // Twelve new learners, each with a seed (so mistakes to grade) of their own.
    for (let i = 0; i < 12; i++) await submit(`class-${i}@example.org`, "plain", mistake("sums-instead-of-averaging.ts"));
    const view = async () => (await analyticsRoute(new NextRequest(`${URL_BASE}/api/instructor/exercises/plain/analytics`, { headers: asInstructor }), params("plain"))).json();
    // What a request arriving meanwhile gets: a turn of the event loop. Counted until the figures are there.
    let turns = 0;
    let counting = true;
    const count = () => {
      turns++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    const first = await view();
    counting = false;
    // At least one turn per mistake file graded for each new learner (12 x 3), not one at the end.
    expect(turns).toBeGreaterThanOrEqual(36);
    expect(first.mistakes.find((entry: { file: string }) => entry.file === "sums-instead-of-averaging.ts")).toMatchObject({ submissions: 14, learners: 14 });
    expect(await view()).toEqual(first);
  });
});

describe("similarity", { timeout: 120_000 }, () => {
  const header = "/** Mean negative log-likelihood of the flips (1 = heads) if heads has probability p. */\nfunction bernoulliNll(flips: number[], p: number): number {\n";
  const ada = `${header}  let sum = 0;
  for (let i = 0; i < flips.length; i++) {
    const x = flips[i];
    if (x === 1) sum += Math.log(p);
    else sum += Math.log(1 - p);
  }
  const mean = sum / flips.length;
  return -mean;
}`;
  // Bob copies Ada's code and renames every variable.
  const bob = ada.replaceAll("sum", "acc").replaceAll("mean", "avg").replaceAll("const x", "const flip").replaceAll("(x ===", "(flip ===");
  // Two solutions written independently (and both right).
  const cy = `${header}  const heads = flips.filter((f) => f === 1).length;
  const tails = flips.length - heads;
  return -(heads * Math.log(p) + tails * Math.log(1 - p)) / flips.length;
}`;
  const dan = `${header}  return -flips.reduce((total, x) => total + Math.log(x ? p : 1 - p), 0) / flips.length;
}`;

  it("finds a planted copy, not two independent solutions, and leaves the starter code out", async () => {
    for (const [email, code] of [["ada@example.org", ada], ["bob@example.org", bob], ["cy@example.org", cy], ["dan@example.org", dan], ["eve@example.org", starter], ["fay@example.org", starter]] as const) {
      await submit(email, "copies", code);
    }
    const response = await similarityRoute(new NextRequest(`${URL_BASE}/api/instructor/exercises/copies/similarity`, { headers: asInstructor }), params("copies"));
    expect(response.status).toBe(200);
    const result = (await response.json()) as { compared: number; pairs: { similarity: number; left: { learnerEmail: string; lines: { from: number; to: number }[] }; right: { learnerEmail: string } }[] };
    // eve and fay both handed in the starter unchanged: what everyone was given is no sign of copying.
    expect(result.compared).toBe(6);
    expect(result.pairs.map((pair) => [pair.left.learnerEmail, pair.right.learnerEmail].sort())).toEqual([["ada@example.org", "bob@example.org"]]);
    expect(result.pairs[0]?.similarity).toBeGreaterThan(0.9);
    // The matching fragments cover the copied body, which the side-by-side view marks.
    expect(result.pairs[0]?.left.lines.some((range) => range.from <= 4 && range.to >= 8)).toBe(true);
    // Every pair, however unalike, with ?min=0: the independent ones stay far below the copy.
    const all = (await (await similarityRoute(new NextRequest(`${URL_BASE}/api/instructor/exercises/copies/similarity?min=0`, { headers: asInstructor }), params("copies"))).json()) as typeof result;
    const between = (a: string, b: string) => all.pairs.find((pair) => [pair.left.learnerEmail, pair.right.learnerEmail].sort().join() === [a, b].sort().join())?.similarity ?? 0;
    expect(between("cy@example.org", "dan@example.org")).toBeLessThan(0.5);
    expect(between("ada@example.org", "cy@example.org")).toBeLessThan(0.5);
    expect((await similarityRoute(new NextRequest(`${URL_BASE}/api/instructor/exercises/copies/similarity`, { headers: asLearner("ada@example.org") }), params("copies"))).status).toBe(403);
  });
});
