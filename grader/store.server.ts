/**
 * The submissions store: the one async interface that routes, pages and the grading service use.
 * Nothing outside the two implementations touches SQL:
 * - SQLite (better-sqlite3, `store-sqlite.server.ts`), the embedded default of `npm start`;
 * - PostgreSQL (`pg`, `store-postgres.server.ts`) when `DESCENT_DATABASE_URL` is a postgres:// URL,
 *   which also carries the job queue that `npm run grader` workers take submissions from.
 * Both apply the versioned migrations in `grader/migrations/<kind>/` on open.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { TestResult } from "@/engine/grading/harness";
import type { LtiStore } from "./lti/store.server";

export type SubmissionStatus = "queued" | "running" | "graded";

export type StoredResult = TestResult & { hidden: boolean };

export interface StoredSubmission {
  id: string;
  learnerEmail: string;
  learnerName: string;
  exerciseId: string;
  code: string;
  status: SubmissionStatus;
  score: number | null;
  maxScore: number | null;
  /** Every test, hidden ones included, with a `hidden` flag: filtered before it leaves the server. */
  results: StoredResult[];
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  graderVersion: string | null;
  /** Grading starts since it was last queued (a start that never finished was a crashed grader). */
  attempts: number;
  /** The grader that holds or last held it (`host:pid:nonce` for a worker, `embedded` in the web server). */
  graderId: string | null;
  /** Verdicts stored: 1 once graded, one more per regrade. */
  verdicts: number;
}

export interface NewSubmission {
  id: string;
  learnerEmail: string;
  exerciseId: string;
  code: string;
  /** The client's Idempotency-Key: a second insert with the same learner and key returns the first. */
  idempotencyKey?: string;
}

/** A grader's claim on a submission: only the holder of the current lease may store its verdict. */
export interface Lease {
  submission: StoredSubmission;
  lease: number;
}

export interface Verdict {
  score: number;
  maxScore: number;
  results: StoredResult[];
  graderVersion: string;
}

export interface GradebookRow {
  email: string;
  name: string;
  exerciseId: string;
  /** Best and latest score, a reviewed submission counting with its review (auto-grade + lines, within 0..max). */
  best: number | null;
  latest: number | null;
  maxScore: number | null;
  count: number;
  latestId: string;
  /** When the latest submission came in (the late policy looks at it). */
  latestAt: string;
  /** Submissions of this learner and exercise an instructor has reviewed. */
  reviewed: number;
}

/** One rubric line of a review by hand: points up (positive) or down (negative), and why. */
export interface ReviewLine {
  points: number;
  comment: string;
}

export interface Review {
  lines: ReviewLine[];
  comment: string;
  /** The sum of the lines' points. */
  points: number;
  reviewedAt: string;
}

export interface WorkerHeartbeat {
  id: string;
  host: string;
  pid: number;
  capacity: number;
  busy: number;
  graded: number;
  startedAt: string;
  seenAt: string;
  alive: boolean;
}

export interface QueueState {
  queued: number;
  running: number;
  oldestQueuedAt: string | null;
  /** Grader processes with a recent heartbeat (Postgres mode); empty when grading is embedded. */
  workers: WorkerHeartbeat[];
}

/** A learner's saved code for one cell or exercise; `version` goes up by one per save. */
export interface Draft {
  key: string;
  lesson: string;
  code: string;
  version: number;
  updatedAt: string;
}

/** A save names the version it was edited from: if the server has moved on, nothing is written. */
export type DraftSave = { saved: true; draft: Draft } | { saved: false; current: Draft };

export interface SubmissionsStore {
  readonly kind: "sqlite" | "postgres";
  /** LTI 1.3 platforms, keys, launches and grade passback (grader/lti/). */
  readonly lti: LtiStore;
  upsertLearner(email: string, name: string): Promise<void>;
  /** Stores a queued submission (and, with Postgres, its job, in the same transaction). */
  insertSubmission(submission: NewSubmission): Promise<{ id: string; created: boolean }>;
  /** Claims submissions for grading: status `running`, attempts + 1, a new lease. Graded ones are skipped. */
  startGrading(ids: string[], graderId: string): Promise<Lease[]>;
  /** Stores verdicts whose lease is still current; returns the ids stored (a stale lease stores nothing). */
  finishGrading(items: { id: string; lease: number; verdict: Verdict }[]): Promise<string[]>;
  /** Gives claimed submissions back unstarted (graceful shutdown): queued again, the attempt not counted. */
  releaseGrading(items: { id: string; lease: number }[]): Promise<void>;
  /** Puts submissions back in the queue with a fresh crash count (Regrade all). */
  requeue(ids: string[]): Promise<void>;
  get(id: string): Promise<StoredSubmission | undefined>;
  unfinished(): Promise<StoredSubmission[]>;
  forExercise(exerciseId: string): Promise<StoredSubmission[]>;
  /** One row per learner and exercise: best and latest score (reviews counted), and how many submissions. */
  gradebook(): Promise<GradebookRow[]>;
  /** Submissions this learner has made to this exercise (the `maxAttempts` rule). */
  countSubmissions(learnerEmail: string, exerciseId: string): Promise<number>;
  /** Stores or replaces the review of a submission; Regrade all leaves it alone. */
  saveReview(submissionId: string, review: { lines: ReviewLine[]; comment: string }): Promise<Review>;
  review(submissionId: string): Promise<Review | undefined>;
  /** Records that a learner has opened `hints` hints (never fewer than before); returns the count kept. */
  recordHints(learnerEmail: string, exerciseId: string, hints: number): Promise<number>;
  /** Hints opened per learner and exercise (the `hintPenalty` rule), or one learner's on one exercise. */
  hintsOpened(only?: { learnerEmail: string; exerciseId: string }): Promise<{ learnerEmail: string; exerciseId: string; hints: number }[]>;
  queueState(): Promise<QueueState>;
  /** A learner's progress document (JSON text), if any. */
  progress(email: string): Promise<string | undefined>;
  /** Read-modify-write of a learner's progress in one transaction: `update` gets the stored JSON text and returns the new one. */
  updateProgress(email: string, update: (current: string | undefined) => string): Promise<string>;
  /** A learner's drafts in one lesson. */
  drafts(email: string, lesson: string): Promise<Draft[]>;
  /** Stores a draft if `baseVersion` is the stored version (0: none stored yet); otherwise returns the stored one. */
  saveDraft(email: string, draft: { key: string; lesson: string; code: string; baseVersion: number }): Promise<DraftSave>;
  /** A round trip to the database (GET /api/health). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The migration files of one store kind, in version order: `0001_initial.sql` is version 1. */
export function migrations(kind: "sqlite" | "postgres"): { version: number; name: string; sql: string }[] {
  const dir = join(/*turbopackIgnore: true*/ process.cwd(), "grader", "migrations", kind);
  return readdirSync(dir)
    .filter((name) => /^\d{4}_[\w-]+\.sql$/.test(name))
    .sort()
    .map((name, index) => {
      const version = Number(name.slice(0, 4));
      if (version !== index + 1) throw new Error(`grader/migrations/${kind}: ${name} should be version ${index + 1} (no gaps, no duplicates)`);
      return { version, name, sql: readFileSync(join(/*turbopackIgnore: true*/ dir, name), "utf8") };
    });
}

export const reviewPoints = (lines: ReviewLine[]) => lines.reduce((sum, line) => sum + line.points, 0);

export const isPostgresUrl = (url: string | undefined): url is string => url !== undefined && /^postgres(ql)?:\/\//.test(url);
