/**
 * The grading service: accepts submissions, stores them, grades them in the sandbox pool against
 * visible AND hidden tests, and answers in the API's shape with hidden tests filtered as each
 * exercise allows. On start it regrades whatever a previous run left unfinished.
 */
import { createHash, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type ExpectedAnswers, grade, type TestCase, type TestFile, type TestResult } from "@/engine/grading/harness";
import { buildTests, type Exercise, listExercises, loadTests, referenceAnswers, seedOf } from "./exercises.server";
import { SandboxPool } from "./sandbox.server";
import { Store, type StoredSubmission } from "./store.server";

export const GRADER_VERSION = "descent-grader/1";

interface LoadedExercise {
  exercise: Exercise;
  visible: TestFile;
  hidden: TestFile | undefined;
  maxScore: number;
  /** Grader and tests version: changes when the exercise's tests change. */
  version: string;
  /** The reference solution's answers per seed (visible and hidden tests), computed once each. */
  answers: Map<number, Promise<ExpectedAnswers>>;
}

/** Seeds whose answers a loaded exercise keeps (a seeded exercise has one per learner). */
const ANSWER_CACHE = 2_000;

export interface ApiSubmission {
  id: string;
  status: StoredSubmission["status"];
  score: number;
  maxScore: number;
  tests: TestResult[];
}

export interface GraderOptions {
  dataDir: string;
  exercisesDir?: string;
  poolSize?: number;
  memoryLimitMb?: number;
}

export class GradingService {
  readonly store: Store;
  readonly pool: SandboxPool;
  private exercises = new Map<string, Promise<LoadedExercise>>();
  private readonly queue: string[] = [];
  private active = 0;
  private readonly maxActive: number;
  private readonly waiters = new Map<string, (() => void)[]>();

  constructor(private readonly options: GraderOptions) {
    this.store = new Store(options.dataDir);
    this.pool = new SandboxPool({ ...(options.poolSize ? { size: options.poolSize } : {}), ...(options.memoryLimitMb ? { memoryLimitMb: options.memoryLimitMb } : {}) });
    // Two jobs per sandbox process keep each busy while the other's results are stored.
    this.maxActive = this.pool.size * 2;
    for (const unfinished of this.store.unfinished()) this.enqueue(unfinished.id);
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
          maxScore: tests.reduce((sum, test) => sum + (test.points ?? 1), 0),
          version: `${GRADER_VERSION} tests:${hash.digest("hex").slice(0, 12)}`,
          answers: new Map(),
        };
      })();
      loaded.catch(() => this.exercises.delete(id));
      this.exercises.set(id, loaded);
    }
    return loaded;
  }

  /** The tests of one learner (visible first), with the reference solution's answers to them. */
  async testsFor(exerciseId: string, learnerEmail: string): Promise<{ seed: number; visible: TestCase[]; hidden: TestCase[]; answers: ExpectedAnswers }> {
    const loaded = await this.load(exerciseId);
    const { files } = loaded.exercise;
    const seed = seedOf(loaded.exercise, learnerEmail);
    const visible = buildTests(loaded.visible, seed, files.visible);
    const hidden = loaded.hidden ? buildTests(loaded.hidden, seed, files.hidden ?? "") : [];
    let answers = loaded.answers.get(seed);
    if (!answers) {
      if (loaded.answers.size >= ANSWER_CACHE) loaded.answers.delete(loaded.answers.keys().next().value as number);
      answers = referenceAnswers(loaded.exercise, [...visible, ...hidden]);
      answers.catch(() => loaded.answers.delete(seed));
      loaded.answers.set(seed, answers);
    }
    return { seed, visible, hidden, answers: await answers };
  }

  /** What a page needs to Check one learner's code offline: their seed and the visible tests' answers (never the hidden ones). */
  async visibleAnswers(exerciseId: string, learnerEmail: string): Promise<{ seed: number; answers: ExpectedAnswers }> {
    const { seed, visible, answers } = await this.testsFor(exerciseId, learnerEmail);
    return { seed, answers: Object.fromEntries(visible.flatMap((test) => (answers[test.name] === undefined ? [] : [[test.name, answers[test.name] as string]]))) };
  }

  async submit(learnerEmail: string, exerciseId: string, code: string): Promise<string> {
    await this.load(exerciseId);
    const id = randomUUID();
    await this.store.insertSubmission({ id, learnerEmail, exerciseId, code });
    this.enqueue(id);
    return id;
  }

  /** Resolves when the submission is graded, or after `ms`, whichever comes first. */
  waitFor(id: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      const list = this.waiters.get(id) ?? [];
      list.push(done);
      this.waiters.set(id, list);
    });
  }

  async regradeAll(exerciseId: string): Promise<number> {
    await this.load(exerciseId, true);
    const ids = this.store.forExercise(exerciseId).map((submission) => submission.id);
    await this.store.requeue(ids);
    for (const id of ids) this.enqueue(id);
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
    return {
      id: submission.id,
      status: submission.status,
      score: submission.score ?? 0,
      maxScore: submission.maxScore ?? loaded?.maxScore ?? 0,
      tests,
    };
  }

  close() {
    this.pool.close();
    this.store.close();
  }

  private enqueue(id: string) {
    this.queue.push(id);
    this.pump();
  }

  private pump() {
    while (this.active < this.maxActive && this.queue.length > 0) {
      const id = this.queue.shift() as string;
      this.active++;
      void this.gradeOne(id).finally(() => {
        this.active--;
        for (const done of this.waiters.get(id) ?? []) done();
        this.waiters.delete(id);
        this.pump();
      });
    }
  }

  private async gradeOne(id: string) {
    const submission = this.store.get(id);
    if (!submission || submission.status === "graded") return;
    await this.store.markStarted(id);
    let results: StoredSubmission["results"];
    let version = GRADER_VERSION;
    try {
      const loaded = await this.load(submission.exerciseId);
      version = loaded.version;
      const { meta } = loaded.exercise;
      const { visible, hidden, answers } = await this.testsFor(submission.exerciseId, submission.learnerEmail);
      const graded = await grade([...visible, ...hidden], this.pool.realm(submission.code, meta.timeBudgetMs, { tensors: meta.tensors }), answers);
      results = graded.tests.map((test, i) => ({ ...test, hidden: i >= visible.length }));
    } catch (error) {
      results = [{ name: "grading", passed: false, points: 0, message: `The grader failed: ${(error as Error).message}`, hidden: false }];
    }
    await this.store.markGraded(id, {
      score: results.reduce((sum, test) => sum + (test.passed ? test.points : 0), 0),
      maxScore: results.reduce((sum, test) => sum + test.points, 0),
      results,
      graderVersion: version,
    });
  }
}

export class UnknownExercise extends Error {
  constructor(readonly id: string) {
    super(`no exercise with id "${id}"`);
    this.name = "UnknownExercise";
  }
}

/** The one service of this server process (kept on globalThis so dev-mode reloads do not start a second). */
export function getGrader(): GradingService {
  const holder = globalThis as { __descentGrader?: GradingService };
  holder.__descentGrader ??= new GradingService({
    dataDir: process.env.DESCENT_DATA_DIR ?? join(/*turbopackIgnore: true*/ process.cwd(), "data"),
    ...(process.env.DESCENT_GRADER_PROCESSES ? { poolSize: Number(process.env.DESCENT_GRADER_PROCESSES) } : {}),
  });
  return holder.__descentGrader;
}
