/**
 * The grading service with its storage: grades against visible and hidden tests, hides hidden tests
 * as the exercise says, keeps a gradebook, exports CSV, regrades, and loses nothing when killed.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { gradebookCsv } from "@/grader/gradebook.server";
import { GradingService } from "@/grader/service.server";
import { runGraderProcess } from "./helpers/run-grader-process";

const dataDir = mkdtempSync(join(tmpdir(), "descent-data-"));
const service = await GradingService.open({ dataDir, poolSize: 2 });
afterAll(async () => {
  await service.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const files = "content/exercises/maximum-likelihood/bernoulli-nll";
const solution = readFileSync(`${files}/solution.ts`, "utf8");
const starter = readFileSync(`${files}/starter.ts`, "utf8");

async function submitAndGrade(email: string, code: string) {
  const { id } = await service.submit(email, "bernoulli-nll", code);
  await service.waitFor(id, 20_000);
  const stored = await service.store.get(id);
  if (!stored) throw new Error("not stored");
  return stored;
}

describe("the grading service", () => {
  it("grades and stores every submission with timestamps and the grader version", async () => {
    await service.store.upsertLearner("ada@example.org", "Ada Lovelace");
    await service.store.upsertLearner("bob@example.org", 'Bob "=SUM(A1)", Jr.');
    const ada = await submitAndGrade("ada@example.org", solution);
    expect(ada).toMatchObject({ status: "graded", score: 13, maxScore: 13, code: solution });
    expect(ada.results.filter((r) => r.hidden).map((r) => r.name)).toEqual(["forty flips of a biased coin", "a rare event", "a hundred thousand flips, quickly"]);
    expect(new Date(ada.queuedAt) <= new Date(ada.startedAt!)).toBe(true);
    expect(new Date(ada.startedAt!) <= new Date(ada.finishedAt!)).toBe(true);
    expect(ada.graderVersion).toMatch(/^descent-grader\/1 tests:[0-9a-f]{12}$/);
    const bob = await submitAndGrade("bob@example.org", starter);
    expect(bob.score).toBe(1);
  });

  it("reports hidden tests by name and message only after the due date (and always to instructors)", async () => {
    const bob = (await service.store.forExercise("bernoulli-nll")).find((s) => s.learnerEmail === "bob@example.org")!;
    const before = await service.view(bob, { now: new Date("2027-01-01T00:00:00Z") });
    expect(before).toMatchObject({ id: bob.id, status: "graded", score: 1, maxScore: 13 });
    expect(before.tests.map((t) => t.name).slice(4)).toEqual(["Hidden test 1", "Hidden test 2", "Hidden test 3"]);
    expect(before.tests[4]).toEqual({ name: "Hidden test 1", passed: false, points: 3, message: "Failed: details are shown after the due date (2027-01-31T23:59:00Z)." });
    expect(JSON.stringify(before)).not.toMatch(/forty flips|rare event|hundred thousand/);
    const after = await service.view(bob, { now: new Date("2027-02-01T00:00:00Z") });
    expect(after.tests[4]?.name).toBe("forty flips of a biased coin");
    expect(after.tests[4]?.message).toMatch(/^bernoulliNll on forty flips should be/);
    expect((await service.view(bob, { instructor: true, now: new Date("2027-01-01T00:00:00Z") })).tests[4]?.name).toBe("forty flips of a biased coin");
  });

  it("keeps a gradebook with best and latest score and count, exported as CSV", async () => {
    await submitAndGrade("ada@example.org", starter);
    const csv = gradebookCsv(await service.gradebook());
    expect(csv).toBe(
      [
        "name,email,exercise,best,latest,max_score,submissions,reviewed,effective,how",
        "Ada Lovelace,ada@example.org,bernoulli-nll,13,1,13,2,0,1,latest submission 1/13",
        `"Bob ""=SUM(A1)"", Jr.",bob@example.org,bernoulli-nll,1,1,13,1,0,1,latest submission 1/13`,
        "",
      ].join("\r\n"),
    );
  });

  it("regrades every submission of an exercise", async () => {
    const before = (await service.store.forExercise("bernoulli-nll")).map((s) => s.finishedAt);
    expect(await service.regradeAll("bernoulli-nll")).toBe(3);
    const started = Date.now();
    while ((await service.store.forExercise("bernoulli-nll")).some((s) => s.status !== "graded") && Date.now() - started < 20_000) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const after = await service.store.forExercise("bernoulli-nll");
    expect(after.map((s) => s.score)).toEqual([13, 1, 1]);
    expect(after.every((s, i) => s.finishedAt !== before[i])).toBe(true);
  });

  it("grades a learner's every submission against the same tests, whatever an earlier one did", async () => {
    // The service keeps each learner's tests (per seed) across submissions: a wrong one in between
    // must not change what the next one is checked against.
    const dir = "content/exercises/maximum-likelihood/best-constant";
    const right = readFileSync(`${dir}/solution.ts`, "utf8");
    await service.store.upsertLearner("cy@example.org", "Cy");
    const grade = async (code: string) => {
      const { id } = await service.submit("cy@example.org", "best-constant", code);
      await service.waitFor(id, 20_000);
      return (await service.store.get(id))!;
    };
    const first = await grade(right);
    expect(first).toMatchObject({ status: "graded", score: 16, maxScore: 16 });
    const wrong = await grade(readFileSync(`${dir}/mistakes/sorts-in-place.ts`, "utf8"));
    expect(wrong.results.filter((r) => !r.passed).map((r) => r.name)).toEqual(["leaves the values as they were"]);
    expect(wrong.results.find((r) => !r.passed)?.message).toMatch(/must not change its input/);
    const again = await grade(`${right}\n// the same again\n`);
    expect(again.results).toEqual(first.results);
    const { visible } = await service.testsFor("best-constant", "cy@example.org");
    expect(Object.isFrozen((visible[0]?.input as { ys: number[] }).ys)).toBe(true);
  });
});

describe("persistence", () => {
  it("grades, after a restart, a submission whose server was killed mid-grading", { timeout: 90_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "descent-kill-"));
    try {
      let id = "";
      await runGraderProcess(["submit", dir], { onLine: (line, kill) => {
        if (id) return;
        id = (JSON.parse(line) as { id: string }).id;
        // Let grading start, then kill the whole server process without warning.
        setTimeout(kill, 1_500);
      } });
      expect(id).not.toBe("");
      const { default: Database } = await import("better-sqlite3");
      const db = new Database(join(dir, "descent.sqlite"), { readonly: true });
      expect(db.prepare("SELECT status FROM submissions WHERE id = ?").get(id)).toEqual({ status: "running" });
      db.close();
      const out = await runGraderProcess(["recover", dir, id]);
      const recovered = JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as { status: string; score: number; maxScore: number; code: string; finishedAt: string };
      expect(recovered).toMatchObject({ status: "graded", score: 1, maxScore: 13 });
      expect(recovered.code).toContain("Date.now() + 800");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
