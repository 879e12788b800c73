/**
 * Postgres mode on a real server: the web side only stores and enqueues; `npm run grader` worker
 * processes grade. A worker killed mid-job loses nothing (another grades it once, after the job's
 * expiry); a submission that keeps killing workers ends with the crash verdict; SIGTERM finishes
 * the job in flight, or hands it back when the grace period is too short.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { GradingService, MAX_GRADER_CRASHES } from "@/grader/service.server";
import { freshDatabase } from "../setup/postgres";
import { startWorker, waitUntil, type WorkerProcess } from "./helpers/workers";
import { runGraderProcess } from "./helpers/run-grader-process";

const files = "content/exercises/maximum-likelihood/bernoulli-nll";
const solution = readFileSync(`${files}/solution.ts`, "utf8");
const starter = readFileSync(`${files}/starter.ts`, "utf8");
/** Each test call spins for 0.3 s: grading takes about two seconds, long enough to act mid-way. */
const slow = "function bernoulliNll(flips: number[], p: number) { const end = Date.now() + 300; while (Date.now() < end) {} return 0; }";

const database = await freshDatabase(inject("postgresUrl"));
let web: GradingService;
const workers: WorkerProcess[] = [];

async function worker(env: Record<string, string> = {}) {
  const started = await startWorker(database.url, { env });
  workers.push(started);
  return started;
}

beforeAll(async () => {
  web = await GradingService.open({ dataDir: "/nonexistent", databaseUrl: database.url, role: "web" });
  await web.store.upsertLearner("ada@example.org", "Ada");
});

afterAll(async () => {
  for (const w of workers) if (w.child.exitCode === null) w.child.kill("SIGKILL");
  await web?.close();
  await database.drop();
});

const holder = (id: string) => waitUntil(`submission ${id} to be running`, 20_000, async () => {
  const s = await web.store.get(id);
  return s?.status === "running" && s.graderId ? s.graderId : undefined;
});
const graded = (id: string, ms = 30_000) => waitUntil(`submission ${id} to be graded`, ms, async () => {
  const s = await web.store.get(id);
  return s?.status === "graded" ? s : undefined;
});
const pidOf = (graderId: string) => Number(graderId.split(":")[1]);

describe("grading with Postgres and separate grader workers", () => {
  it("grades in worker processes only, and answers a waiting POST as soon as the verdict is stored", { timeout: 90_000 }, async () => {
    expect(web.pool).toBeUndefined();
    await worker();
    await worker();
    const good = await web.submit("ada@example.org", "bernoulli-nll", solution);
    const bad = await web.submit("ada@example.org", "bernoulli-nll", starter);
    await web.waitFor(good.id, 20_000);
    expect(await web.store.get(good.id)).toMatchObject({ status: "graded", score: 13, maxScore: 13, attempts: 1 });
    expect((await graded(bad.id)).score).toBe(1);
    const pids = new Set([(await web.store.get(good.id))!.graderId, (await web.store.get(bad.id))!.graderId].map((id) => pidOf(id!)));
    for (const pid of pids) expect(workers.map((w) => w.pid)).toContain(pid);
    const state = await web.store.queueState();
    expect(state.workers.filter((w) => w.alive)).toHaveLength(2);
    expect(state).toMatchObject({ queued: 0, running: 0, oldestQueuedAt: null });
  });

  it("regrades, after the job's expiry, a submission whose worker was SIGKILLed mid-job, and stores it once", { timeout: 90_000 }, async () => {
    const { id } = await web.submit("ada@example.org", "bernoulli-nll", slow);
    const first = await holder(id);
    const victim = workers.find((w) => w.pid === pidOf(first))!;
    victim.child.kill("SIGKILL");
    await victim.exited;
    const done = await graded(id);
    expect(done).toMatchObject({ status: "graded", score: 1, maxScore: 13, attempts: 2 });
    expect(done.graderId).not.toBe(first);
    await worker();
  });

  it(`ends a submission that kills its worker ${MAX_GRADER_CRASHES} times with the crash verdict, not stuck in running`, { timeout: 120_000 }, async () => {
    const { id } = await web.submit("ada@example.org", "bernoulli-nll", slow);
    let lastHolder = "";
    for (let crash = 1; crash <= MAX_GRADER_CRASHES; crash++) {
      const graderId = await waitUntil(`start ${crash} of ${id}`, 30_000, async () => {
        const s = await web.store.get(id);
        return s?.status === "running" && s.attempts === crash && s.graderId !== lastHolder ? s.graderId : undefined;
      });
      lastHolder = graderId!;
      const victim = workers.find((w) => w.pid === pidOf(graderId!))!;
      victim.child.kill("SIGKILL");
      await victim.exited;
      await worker();
    }
    const done = await graded(id);
    expect(done).toMatchObject({ status: "graded", score: 0, attempts: MAX_GRADER_CRASHES + 1 });
    expect(done.results[0]?.message).toMatch(/^The grader crashed on this submission 3 times/);
    expect((await web.view(done)).tests[0]?.message).toMatch(/crashed on this submission 3 times/);
  });

  it("loses nothing when the web server is SIGKILLed right after accepting a submission", { timeout: 90_000 }, async () => {
    const env = { ...process.env, DESCENT_DATABASE_URL: database.url, DESCENT_TEST_SLOW_MS: "300" };
    let id = "";
    await runGraderProcess(["submit", "/nonexistent"], { env, onLine: (line, kill) => {
      if (id) return;
      id = (JSON.parse(line) as { id: string }).id;
      kill();
    } });
    expect(id).not.toBe("");
    const out = await runGraderProcess(["recover", "/nonexistent", id], { env });
    const recovered = JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as { status: string; score: number; verdicts: number };
    expect(recovered).toMatchObject({ status: "graded", score: 1, verdicts: 1 });
  });

  it("on SIGTERM finishes the job it holds, and exits", { timeout: 90_000 }, async () => {
    const { id } = await web.submit("ada@example.org", "bernoulli-nll", slow);
    const graderId = await holder(id);
    const holding = workers.find((w) => w.pid === pidOf(graderId))!;
    holding.child.kill("SIGTERM");
    expect(await holding.exited).toBe(0);
    const done = await web.store.get(id);
    expect(done).toMatchObject({ status: "graded", score: 1, attempts: 1, graderId });
    expect(holding.output()).toMatch(/stopped: 1 finished, 0 handed back/);
    expect((await web.store.queueState()).workers.find((w) => w.id === graderId)?.alive).toBe(false);
  });

  it("on SIGTERM with too short a grace period hands the job back, and another worker grades it without counting a crash", { timeout: 90_000 }, async () => {
    const impatient = await worker({ DESCENT_GRADER_SHUTDOWN_MS: "100" });
    // Only the impatient worker takes jobs: stop the others first.
    for (const w of workers) if (w !== impatient && w.child.exitCode === null) w.child.kill("SIGTERM");
    for (const w of workers) if (w !== impatient) await w.exited;
    const { id } = await web.submit("ada@example.org", "bernoulli-nll", slow);
    expect(pidOf(await holder(id))).toBe(impatient.pid);
    impatient.child.kill("SIGTERM");
    expect(await impatient.exited).toBe(0);
    expect(impatient.output()).toMatch(/stopped: 0 finished, 1 handed back/);
    expect(await web.store.get(id)).toMatchObject({ status: "queued", attempts: 0 });
    await worker();
    expect(await graded(id, 20_000)).toMatchObject({ status: "graded", score: 1, attempts: 1 });
  });
});
