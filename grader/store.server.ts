/**
 * The submissions store: the one async interface that routes, pages and the grading service use.
 * Nothing outside the two implementations touches SQL:
 * - SQLite (better-sqlite3, `store-sqlite.server.ts`), the embedded default of `npm start`;
 * - PostgreSQL (`pg`, `store-postgres.server.ts`) when `DESCENT_DATABASE_URL` is a postgres:// URL,
 *   which also carries the job queue that `npm run grader` workers take submissions from.
 * Both apply the versioned migrations in `grader/migrations/<kind>/` on open.
 */
import "server-only";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as z from "zod/mini";
import { type Draft, type Review, type ReviewLine, reviewLineSchema, type SubmissionStatus } from "@/app/api/contract";
import { testResultSchema } from "@/engine/protocol";
import type { LtiStore } from "./lti/store.server";


export type { Draft, Review, ReviewLine, SubmissionStatus };

/** One test's verdict as stored: hidden ones too, flagged, and filtered before they leave the server. */
export const storedResultSchema = z.extend(testResultSchema, { hidden: z.boolean() });
export type StoredResult = z.infer<typeof storedResultSchema>;

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

/**
 * JSON a store kept (SQLite text, or a Postgres json column the driver already parsed), checked
 * against its schema: a row written by another version, or edited by hand, fails here with where it
 * came from, not later as an undefined somewhere in a page.
 */
export function parseStored<T>(schema: z.ZodMiniType<T>, stored: unknown, where: string): T {
  let value = stored;
  if (typeof stored === "string") {
    try {
      value = JSON.parse(stored);
    } catch (error) {
      throw new Error(`${where}: the stored JSON cannot be read (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`${where}: the stored value does not have the expected shape: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

const isoOf = (date: string | Date) => (typeof date === "string" ? date : date.toISOString());
const isoOrNull = (date: string | Date | null) => (date === null ? null : isoOf(date));

/** A submissions row as both databases return it (SQLite: text dates and JSON text; Postgres: Dates and parsed JSON). */
export interface SubmissionRow {
  id: string;
  learner_email: string;
  name: string;
  exercise_id: string;
  code: string;
  status: SubmissionStatus;
  score: number | null;
  max_score: number | null;
  results: unknown;
  queued_at: string | Date;
  started_at: string | Date | null;
  finished_at: string | Date | null;
  grader_version: string | null;
  attempts: number;
  grader_id: string | null;
  verdicts: number;
}

export const submissionFromRow = (row: SubmissionRow): StoredSubmission => ({
  id: row.id,
  learnerEmail: row.learner_email,
  learnerName: row.name,
  exerciseId: row.exercise_id,
  code: row.code,
  status: row.status,
  score: row.score,
  maxScore: row.max_score,
  results: parseStored(z.array(storedResultSchema), row.results, `submission ${row.id}: results`),
  queuedAt: isoOf(row.queued_at),
  startedAt: isoOrNull(row.started_at),
  finishedAt: isoOrNull(row.finished_at),
  graderVersion: row.grader_version,
  attempts: row.attempts,
  graderId: row.grader_id,
  verdicts: row.verdicts,
});

export const reviewFromRow = (submissionId: string, row: { lines: unknown; comment: string; points: number; reviewed_at: string | Date }): Review => ({
  lines: parseStored(z.array(reviewLineSchema), row.lines, `review of submission ${submissionId}: lines`),
  comment: row.comment,
  points: row.points,
  reviewedAt: isoOf(row.reviewed_at),
});
