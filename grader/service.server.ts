/**
 * The grading service: accepts submissions, stores them, grades them in the sandbox pool against
 * visible AND hidden tests, and answers in the API's shape with hidden tests filtered as each
 * exercise allows. It runs in one of three roles:
 * - `embedded` (SQLite, `npm start`): grades here, in its own sandbox pool; on start it regrades
 *   whatever a previous run left unfinished;
 * - `web` (Postgres): only stores and enqueues; `npm run grader` workers grade (worker.server.ts);
 * - `worker` (Postgres): has the sandbox pool and grades the leases its worker loop hands it.
 */
import "server-only";
import { createHash, randomUUID } from "node:crypto";
import type { SubmissionView, VisibleAnswers } from "@/app/api/contract";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type ExpectedAnswers, grade, maxScoreOf, type TestCase, type TestFile, type TestResult, toGrade } from "@/engine/grading/harness";
import { type Exercise, listExercises } from "@/course/exercises.server";
import { buildTests, loadTests, referenceAnswers, seedOf } from "./exercises.server";
import { passBack } from "./lti/passback.server";
import { GradingQueue } from "./queue.server";
import { admission, type EffectiveScore, effectiveScore } from "./rules.server";
import { SandboxPool } from "./sandbox.server";
import { SqliteStore } from "./store-sqlite.server";
import { PostgresStore } from "./store-postgres.server";
import { type GradebookRow, isPostgresUrl, type Lease, type QueueState, type Review, type ReviewLine, type StoredSubmission, type SubmissionsStore, type Verdict } from "./store.server";

export const GRADER_VERSION = "descent-grader/1";

/** Starts that never finished (the grader died) before a submission gets the crash verdict instead. */
export const MAX_GRADER_CRASHES = 3;

export type GraderRole = "embedded" | "web" | "worker";

interface LoadedExercise {
  exercise: Exercise;
  visible: TestFile;
  hidden: TestFile | undefined;
  maxScore: number;
  /** Grader and tests version: changes when the exercise's tests change. */
  version: string;
  /**
   * Per seed, built once each: the tests (so their inputs are encoded for the sandbox once, see
   * toProbe) and the reference solution's answers to them. Checks only read a test's input.
   */
  seeds: Map<number, SeedTests>;
}

interface SeedTests {
  visible: TestCase[];
  hidden: TestCase[];
  answers: Promise<ExpectedAnswers>;
}

/** Seeds whose tests and answers a loaded exercise keeps (a seeded exercise has one per learner). */
const ANSWER_CACHE = 2_000;

/** A submission as the API answers it (app/api/contract.ts). */
export type ApiSubmission = SubmissionView;

/** A gradebook row with the effective score of its latest submission and how it was computed. */
export interface GradebookEntry extends GradebookRow {
  effective: EffectiveScore | null;
}

export interface Operations extends QueueState {
  /** `embedded`: graded in the web server's own sandbox pool; `postgres`: by `npm run grader` workers. */
  mode: "embedded" | "postgres";
  /** Sandbox processes in this process (0 in a Postgres-mode web server: it never runs learner code). */
  sandboxProcesses: number;
}

export interface GraderOptions {
  dataDir: string;
  /** A postgres:// URL: Postgres store and queue; otherwise SQLite in `dataDir`, graded in this process. */
  databaseUrl?: string;
  /** With Postgres: `web` (default) only enqueues, `worker` grades. Ignored with SQLite (always `embedded`). */
  role?: "web" | "worker";
  exercisesDir?: string;
  poolSize?: number;
  memoryLimitMb?: number;
  /** Worker role: seconds a job may be held before another worker gets it. */
  expireInSeconds?: number;
}

export class GradingService {
  /** The sandbox pool: only in the roles that run learner code (never in the `web` role). */
  readonly pool: SandboxPool | undefined;
  private exercises = new Map<string, Promise<LoadedExercise>>();
  private readonly queue: string[] = [];
  private active = 0;
  /** Submissions graded in parallel: two per sandbox process keep each busy while the other's results are stored. */
  readonly capacity: number;
  private readonly waiters = new Map<string, (() => void)[]>();
  /** Ids whose verdict was announced lately (web role; bounded), and ids this process just inserted. */
  private readonly recentlyGraded = new Set<string>();
  private readonly justCreated = new Set<string>();
  /** Told the ids of submissions just graded here (embedded) or announced by a worker (web): LTI grade passback. */
  readonly gradedListeners = new Set<(ids: string[]) => void>();

  private constructor(
    private readonly options: GraderOptions,
    readonly role: GraderRole,
    readonly store: SubmissionsStore,
    readonly jobs: GradingQueue | undefined,
  ) {
    this.pool = role === "web" ? undefined : new SandboxPool({ ...(options.poolSize ? { size: options.poolSize } : {}), ...(options.memoryLimitMb ? { memoryLimitMb: options.memoryLimitMb } : {}) });
    // A worker holds a few more: the next jobs are already fetched and claimed when a sandbox frees up,
    // so the round trips to Postgres overlap with grading instead of idling the pool.
    this.capacity = (this.pool?.size ?? 0) * (role === "worker" ? 4 : 2);
  }

  static async open(options: GraderOptions): Promise<GradingService> {
    if (!isPostgresUrl(options.databaseUrl)) {
      const service = new GradingService(options, "embedded", new SqliteStore(options.dataDir), undefined);
      for (const unfinished of await service.store.unfinished()) service.enqueue(unfinished.id);
      return service;
    }
    const role = options.role ?? "web";
    const jobs = await GradingQueue.open(options.databaseUrl, { owner: role === "worker", ...(options.expireInSeconds ? { expireInSeconds: options.expireInSeconds } : {}) });
    const store = await PostgresStore.open(options.databaseUrl, { queue: jobs, poolSize: role === "worker" ? 4 : 10, queryTimeoutMs: role === "worker" ? 10_000 : 30_000 });
    const service = new GradingService(options, role, store, jobs);
    if (role === "web")
      await store.onGraded((ids) => {
        service.settled(ids);
        service.announce(ids);
      });
    return service;
  }

  exerciseList(): Exercise[] {
    return listExercises(this.options.exercisesDir, { skipInvalid: true });
  }

  /** The exercise with its tests compiled; `fresh` re-reads the files (Regrade all after an edit). */
  load(id: string, fresh = false): Promise<LoadedExercise> {
    let loaded = fresh ? undefined : this.exercises.get(id);
    if (!loaded) {
      loaded = (async () => {
        const exercise = this.exerciseList().find((candidate) => candidate.id === id);
        if (!exercise) throw new UnknownExercise(id);
        const visible = await loadTests(exercise.files.visible);
        const hidden = exercise.files.hidden ? await loadTests(exercise.files.hidden) : undefined;
        const tests = [...buildTests(visible, 0, exercise.files.visible), ...(hidden ? buildTests(hidden, 0, exercise.files.hidden!) : [])];
        const hash = createHash("sha256");
        for (const file of [exercise.files.visible, exercise.files.hidden, exercise.files.solution, join(/*turbopackIgnore: true*/ exercise.dir, "exercise.yaml")]) if (file) hash.update(readFileSync(file));
        return {
          exercise,
          visible,
          hidden,
          maxScore: maxScoreOf(tests),
          version: `${GRADER_VERSION} tests:${hash.digest("hex").slice(0, 12)}`,
          seeds: new Map(),
        };
      })();
      loaded.catch(() => this.exercises.delete(id));
      this.exercises.set(id, loaded);
    }
    return loaded;
  }

  /** An exercise's title and points, or undefined when there is no such exercise (LTI line items). */
  async exerciseInfo(id: string): Promise<{ title: string; maxScore: number } | undefined> {
    const loaded = await this.load(id).catch(() => undefined);
    return loaded ? { title: loaded.exercise.meta.title, maxScore: loaded.maxScore } : undefined;
  }

  /** The tests of one learner (visible first), with the reference solution's answers to them. */
  async testsFor(exerciseId: string, learnerEmail: string): Promise<{ seed: number; visible: TestCase[]; hidden: TestCase[]; answers: ExpectedAnswers }> {
    const loaded = await this.load(exerciseId);
    const { files } = loaded.exercise;
    const seed = seedOf(loaded.exercise, learnerEmail);
    let tests = loaded.seeds.get(seed);
    if (!tests) {
      if (loaded.seeds.size >= ANSWER_CACHE) loaded.seeds.delete(loaded.seeds.keys().next().value as number);
      const visible = buildTests(loaded.visible, seed, files.visible);
      const hidden = loaded.hidden ? buildTests(loaded.hidden, seed, files.hidden ?? "") : [];
      const answers = referenceAnswers(loaded.exercise, [...visible, ...hidden]);
      answers.catch(() => loaded.seeds.delete(seed));
      tests = { visible, hidden, answers };
      loaded.seeds.set(seed, tests);
    }
    return { seed, visible: tests.visible, hidden: tests.hidden, answers: await tests.answers };
  }

  /** What a page needs to Check one learner's code offline: their seed and the visible tests' answers (never the hidden ones). */
  async visibleAnswers(exerciseId: string, learnerEmail: string): Promise<VisibleAnswers> {
    const { seed, visible, answers } = await this.testsFor(exerciseId, learnerEmail);
    return { seed, answers: Object.fromEntries(visible.flatMap((test) => (answers[test.name] === undefined ? [] : [[test.name, answers[test.name] as string]]))) };
  }

  /**
   * Stores a submission and queues it. With an idempotency key, a repeat from the same learner
   * returns the first submission (`created: false`) instead of storing a second one.
   */
  async submit(learnerEmail: string, exerciseId: string, code: string, idempotencyKey?: string): Promise<{ id: string; created: boolean }> {
    const { meta } = (await this.load(exerciseId)).exercise;
    if (meta.maxAttempts !== undefined || meta.late) {
      // Counted before the insert: two submissions racing for the last attempt may both get in.
      const refused = admission(meta, meta.maxAttempts !== undefined ? await this.store.countSubmissions(learnerEmail, exerciseId) : 0, new Date());
      if (refused) throw new SubmissionRefused(refused.status, refused.message);
    }
    const stored = await this.store.insertSubmission({ id: randomUUID(), learnerEmail, exerciseId, code, ...(idempotencyKey ? { idempotencyKey } : {}) });
    if (stored.created && this.role === "embedded") this.enqueue(stored.id);
    if (stored.created) {
      this.justCreated.add(stored.id);
      if (this.justCreated.size > 10_000) this.justCreated.delete(this.justCreated.values().next().value as string);
    }
    return stored;
  }

  /** Resolves when the submission is graded, or after `ms`, whichever comes first. */
  async waitFor(id: string, ms: number): Promise<void> {
    const fresh = this.justCreated.delete(id);
    if (this.recentlyGraded.has(id)) return;
    const graded = new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      const list = this.waiters.get(id) ?? [];
      list.push(done);
      this.waiters.set(id, list);
    });
    // A replayed submission may have been graded long ago, before this process listened; one this
    // process has just inserted cannot have been announced before now without landing in recentlyGraded.
    if (!fresh && (await this.store.get(id))?.status === "graded") this.settled([id]);
    return graded;
  }

  async regradeAll(exerciseId: string): Promise<number> {
    await this.load(exerciseId, true);
    const ids = (await this.store.forExercise(exerciseId)).map((submission) => submission.id);
    await this.store.requeue(ids);
    if (this.role === "embedded") for (const id of ids) this.enqueue(id);
    return ids.length;
  }

  /** The API's view of a submission. Hidden tests keep their points, but their names and messages show only as the exercise allows. */
  async view(submission: StoredSubmission, options: { instructor?: boolean; now?: Date } = {}): Promise<ApiSubmission> {
    const loaded = await this.load(submission.exerciseId).catch(() => undefined);
    const meta = loaded?.exercise.meta;
    const revealed =
      options.instructor === true ||
      meta?.revealHidden === "always" ||
      (meta?.revealHidden === "after-due" && meta.due !== undefined && (options.now ?? new Date()) >= new Date(meta.due));
    let hiddenIndex = 0;
    const tests = submission.results.map(({ hidden, ...test }): TestResult => {
      if (!hidden || revealed) return test;
      hiddenIndex++;
      const when = meta?.revealHidden === "after-due" && meta.due ? ` after the due date (${meta.due})` : " to the instructor only";
      return { name: `Hidden test ${hiddenIndex}`, passed: test.passed, points: test.points, message: test.passed ? "" : `Failed: details are shown${when}.` };
    });
    const maxScore = submission.maxScore ?? loaded?.maxScore ?? 0;
    const view: ApiSubmission = { id: submission.id, status: submission.status, score: submission.score ?? 0, maxScore, tests };
    if (submission.status !== "graded" || !meta) return view;
    const only = { learnerEmail: submission.learnerEmail, exerciseId: submission.exerciseId };
    const [review, hints, used] = await Promise.all([
      this.store.review(submission.id),
      meta.hintPenalty > 0 ? this.store.hintsOpened(only) : [],
      meta.maxAttempts !== undefined ? this.store.countSubmissions(submission.learnerEmail, submission.exerciseId) : undefined,
    ]);
    if (review) view.review = review;
    if (used !== undefined && meta.maxAttempts !== undefined) view.attempts = { used, max: meta.maxAttempts };
    view.effective = effectiveScore(meta, { score: view.score, maxScore, reviewPoints: review?.points, submittedAt: submission.queuedAt, hintsOpened: hints[0]?.hints ?? 0 });
    return view;
  }

  /** Stores an instructor's review of a graded submission (replacing an earlier one). */
  async review(id: string, review: { lines: ReviewLine[]; comment: string }): Promise<Review | undefined> {
    const submission = await this.store.get(id);
    if (!submission) return undefined;
    const saved = await this.store.saveReview(id, review);
    // The score of record changed: listeners (LMS grade passback) send it again.
    for (const listener of this.gradedListeners) listener([id]);
    return saved;
  }

  /** Records the hints a signed-in learner has opened; returns how many count against them. */
  async openHints(learnerEmail: string, exerciseId: string, hints: number): Promise<number> {
    const { meta } = (await this.load(exerciseId)).exercise;
    return this.store.recordHints(learnerEmail, exerciseId, Math.min(Math.max(Math.trunc(hints), 0), meta.hints.length));
  }

  /** The gradebook: reviewed scores from the store, and each latest submission's effective score under its exercise's rules. */
  async gradebook(): Promise<GradebookEntry[]> {
    const [rows, hints] = await Promise.all([this.store.gradebook(), this.store.hintsOpened()]);
    const metas = new Map(this.exerciseList().map((exercise) => [exercise.id, exercise.meta]));
    const opened = new Map(hints.map((row) => [`${row.learnerEmail}\n${row.exerciseId}`, row.hints]));
    return rows.map((row) => {
      const meta = metas.get(row.exerciseId);
      const effective =
        meta && row.latest !== null && row.maxScore !== null
          ? effectiveScore(meta, { score: row.latest, maxScore: row.maxScore, submittedAt: row.latestAt, base: row.reviewed > 0 ? "latest submission (reviews counted)" : "latest submission", hintsOpened: opened.get(`${row.email}\n${row.exerciseId}`) ?? 0 })
          : null;
      return { ...row, effective };
    });
  }

  /** What runs grading and how far behind it is: GET /api/health and the instructor page. */
  async operations(): Promise<Operations> {
    const state = await this.store.queueState();
    return { mode: this.role === "embedded" ? "embedded" : "postgres", sandboxProcesses: this.pool?.size ?? 0, ...state };
  }

  async close() {
    this.pool?.close();
    await this.jobs?.close().catch(() => undefined);
    await this.store.close();
  }

  /** Wakes whoever waits for these submissions' verdicts. */
  private settled(ids: string[]) {
    for (const id of ids) {
      if (this.role === "web") {
        this.recentlyGraded.add(id);
        // A Set iterates in insertion order: drop the oldest beyond 10,000.
        if (this.recentlyGraded.size > 10_000) this.recentlyGraded.delete(this.recentlyGraded.values().next().value as string);
      }
      for (const done of this.waiters.get(id) ?? []) done();
      this.waiters.delete(id);
    }
  }

  private announce(ids: string[]) {
    for (const listener of this.gradedListeners) listener(ids);
  }

  private enqueue(id: string) {
    this.queue.push(id);
    this.pump();
  }

  /** Embedded role: grade from the in-process queue, `capacity` at a time. */
  private pump() {
    while (this.active < this.capacity && this.queue.length > 0) {
      const id = this.queue.shift() as string;
      this.active++;
      void this.gradeOne(id)
        .catch((error: unknown) => console.error(`[descent grader] submission ${id}: ${(error as Error).message}`))
        .finally(() => {
          this.active--;
          this.settled([id]);
          this.announce([id]);
          this.pump();
        });
    }
  }

  private async gradeOne(id: string) {
    const [lease] = await this.store.startGrading([id], "embedded");
    if (!lease) return;
    await this.store.finishGrading([{ id, lease: lease.lease, verdict: await this.verdictFor(lease) }]);
  }

  /**
   * The verdict for a claimed submission: graded in the sandbox pool, or, when graders died on it
   * too often, the crash verdict without running it again.
   */
  async verdictFor(lease: Lease): Promise<Verdict> {
    const { submission } = lease;
    if (submission.attempts > MAX_GRADER_CRASHES) {
      const message = `The grader crashed on this submission ${MAX_GRADER_CRASHES} times, so it was not graded again. If your code allocates a lot of memory or runs for a long time, try a smaller version; otherwise tell your instructor.`;
      return { score: 0, maxScore: (await this.load(submission.exerciseId).catch(() => undefined))?.maxScore ?? 0, results: [{ name: "grading", passed: false, points: 0, message, hidden: false }], graderVersion: GRADER_VERSION };
    }
    return this.gradeCode(submission);
  }

  /** Grades one submission's code against its exercise's visible and hidden tests. */
  private async gradeCode(submission: StoredSubmission): Promise<Verdict> {
    const pool = this.pool;
    if (!pool) throw new Error("this process has no sandbox pool (web role): learner code is graded by `npm run grader`");
    let results: StoredSubmission["results"];
    let version = GRADER_VERSION;
    try {
      const loaded = await this.load(submission.exerciseId);
      version = loaded.version;
      const { meta } = loaded.exercise;
      const { visible, hidden, answers } = await this.testsFor(submission.exerciseId, submission.learnerEmail);
      const graded = await grade([...visible, ...hidden], pool.realm(submission.code, meta.timeBudgetMs, { tensors: meta.tensors }), answers);
      results = graded.tests.map((test, i) => ({ ...test, hidden: i >= visible.length }));
    } catch (error) {
      results = [{ name: "grading", passed: false, points: 0, message: `The grader failed: ${(error as Error).message}`, hidden: false }];
    }
    const { score, maxScore } = toGrade(results);
    return { score, maxScore, results, graderVersion: version };
  }
}

/** A submission the exercise's rules refuse (attempts used up, or past the late policy's last day). */
export class SubmissionRefused extends Error {
  constructor(
    readonly status: 403 | 409,
    message: string,
  ) {
    super(message);
    this.name = "SubmissionRefused";
  }
}

export class UnknownExercise extends Error {
  constructor(readonly id: string) {
    super(`no exercise with id "${id}"`);
    this.name = "UnknownExercise";
  }
}

/** The service options this process's environment asks for (`DESCENT_DATABASE_URL`, `DESCENT_DATA_DIR`, ...). */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): GraderOptions {
  return {
    dataDir: env.DESCENT_DATA_DIR ?? join(/*turbopackIgnore: true*/ process.cwd(), "data"),
    ...(env.DESCENT_DATABASE_URL ? { databaseUrl: env.DESCENT_DATABASE_URL } : {}),
    ...(env.DESCENT_GRADER_PROCESSES ? { poolSize: Number(env.DESCENT_GRADER_PROCESSES) } : {}),
    ...(env.DESCENT_GRADER_EXPIRE_SECONDS ? { expireInSeconds: Number(env.DESCENT_GRADER_EXPIRE_SECONDS) } : {}),
  };
}

/** The one service of this web server process (kept on globalThis so dev-mode reloads do not start a second). */
export function getGrader(): Promise<GradingService> {
  const holder = globalThis as { __descentGrader?: Promise<GradingService> };
  if (!holder.__descentGrader) {
    const opening = GradingService.open({ ...optionsFromEnv(), role: "web" }).then((service) => {
      const effective = async (submission: StoredSubmission) => {
        const view = await service.view(submission);
        return view.effective?.score ?? view.score;
      };
      service.gradedListeners.add((ids) => void passBack(service.store, (id) => service.exerciseInfo(id), ids, effective).catch((error: unknown) => console.error(`[descent lti] passback: ${(error as Error).message}`)));
      return service;
    });
    // A database that is down at start must not stay cached as a failure: the next request tries again.
    opening.catch(() => {
      if (holder.__descentGrader === opening) holder.__descentGrader = undefined;
    });
    holder.__descentGrader = opening;
  }
  return holder.__descentGrader;
}
