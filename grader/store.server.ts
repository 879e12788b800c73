/**
 * Storage: SQLite (better-sqlite3, WAL) in the data folder, created and migrated on first open.
 * Writes are batched: callers await a promise that resolves once their row is committed, and every
 * write queued in the same tick shares one transaction (one fsync), which is what lets hundreds of
 * submissions per second through.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { TestResult } from "@/engine/grading/harness";

export type SubmissionStatus = "queued" | "running" | "graded";

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
  results: (TestResult & { hidden: boolean })[];
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  graderVersion: string | null;
}

const MIGRATIONS = [
  `CREATE TABLE learners (
     email TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE TABLE submissions (
     id TEXT PRIMARY KEY,
     learner_email TEXT NOT NULL REFERENCES learners(email),
     exercise_id TEXT NOT NULL,
     code TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'graded')),
     score REAL,
     max_score REAL,
     results TEXT NOT NULL DEFAULT '[]',
     queued_at TEXT NOT NULL,
     started_at TEXT,
     finished_at TEXT,
     grader_version TEXT
   );
   CREATE INDEX submissions_by_exercise ON submissions (exercise_id, learner_email, queued_at);
   CREATE INDEX submissions_unfinished ON submissions (status) WHERE status != 'graded';`,
];

interface Row {
  id: string;
  learner_email: string;
  name: string;
  exercise_id: string;
  code: string;
  status: SubmissionStatus;
  score: number | null;
  max_score: number | null;
  results: string;
  queued_at: string;
  started_at: string | null;
  finished_at: string | null;
  grader_version: string | null;
}

const fromRow = (row: Row): StoredSubmission => ({
  id: row.id,
  learnerEmail: row.learner_email,
  learnerName: row.name,
  exerciseId: row.exercise_id,
  code: row.code,
  status: row.status,
  score: row.score,
  maxScore: row.max_score,
  results: JSON.parse(row.results) as StoredSubmission["results"],
  queuedAt: row.queued_at,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  graderVersion: row.grader_version,
});

const SELECT = `SELECT s.*, l.name FROM submissions s JOIN learners l ON l.email = s.learner_email`;

export class Store {
  readonly db: Database.Database;
  private pending: { run: () => void; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private scheduled = false;

  constructor(readonly dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(/*turbopackIgnore: true*/ dataDir, "descent.sqlite"));
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("busy_timeout = 5000");
    this.migrate();
  }

  private migrate() {
    const version = Number(this.db.pragma("user_version", { simple: true }));
    for (let next = version; next < MIGRATIONS.length; next++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[next] as string);
        this.db.pragma(`user_version = ${next + 1}`);
      })();
    }
  }

  /** Queues a write; resolves when the transaction holding it has committed. */
  private write(run: () => void): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ run, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush() {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    try {
      this.db.transaction(() => {
        for (const item of batch) item.run();
      })();
      for (const item of batch) item.resolve();
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
  }

  upsertLearner(email: string, name: string): Promise<void> {
    return this.write(() =>
      this.db
        .prepare(`INSERT INTO learners (email, name, created_at) VALUES (?, ?, ?) ON CONFLICT(email) DO UPDATE SET name = excluded.name`)
        .run(email, name, new Date().toISOString()),
    );
  }

  insertSubmission(submission: { id: string; learnerEmail: string; exerciseId: string; code: string }): Promise<void> {
    return this.write(() =>
      this.db
        .prepare(`INSERT INTO submissions (id, learner_email, exercise_id, code, status, queued_at) VALUES (?, ?, ?, ?, 'queued', ?)`)
        .run(submission.id, submission.learnerEmail, submission.exerciseId, submission.code, new Date().toISOString()),
    );
  }

  markStarted(id: string): Promise<void> {
    return this.write(() => this.db.prepare(`UPDATE submissions SET status = 'running', started_at = ? WHERE id = ?`).run(new Date().toISOString(), id));
  }

  markGraded(id: string, graded: { score: number; maxScore: number; results: StoredSubmission["results"]; graderVersion: string }): Promise<void> {
    return this.write(() =>
      this.db
        .prepare(`UPDATE submissions SET status = 'graded', score = ?, max_score = ?, results = ?, finished_at = ?, grader_version = ? WHERE id = ?`)
        .run(graded.score, graded.maxScore, JSON.stringify(graded.results), new Date().toISOString(), graded.graderVersion, id),
    );
  }

  /** Puts submissions back in the queue (Regrade all). */
  requeue(ids: string[]): Promise<void> {
    return this.write(() => {
      const statement = this.db.prepare(`UPDATE submissions SET status = 'queued', started_at = NULL, finished_at = NULL WHERE id = ?`);
      for (const id of ids) statement.run(id);
    });
  }

  get(id: string): StoredSubmission | undefined {
    const row = this.db.prepare(`${SELECT} WHERE s.id = ?`).get(id) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  unfinished(): StoredSubmission[] {
    return (this.db.prepare(`${SELECT} WHERE s.status != 'graded' ORDER BY s.queued_at`).all() as Row[]).map(fromRow);
  }

  forExercise(exerciseId: string): StoredSubmission[] {
    return (this.db.prepare(`${SELECT} WHERE s.exercise_id = ? ORDER BY s.queued_at`).all(exerciseId) as Row[]).map(fromRow);
  }

  learnerName(email: string): string | undefined {
    return (this.db.prepare(`SELECT name FROM learners WHERE email = ?`).get(email) as { name: string } | undefined)?.name;
  }

  /** One row per learner and exercise: best and latest score, and how many submissions. */
  gradebook(): { email: string; name: string; exerciseId: string; best: number | null; latest: number | null; maxScore: number | null; count: number; latestId: string }[] {
    return this.db
      .prepare(
        `SELECT l.email, l.name, s.exercise_id AS exerciseId,
                MAX(s.score) AS best,
                (SELECT s2.score FROM submissions s2 WHERE s2.learner_email = s.learner_email AND s2.exercise_id = s.exercise_id ORDER BY s2.queued_at DESC, s2.rowid DESC LIMIT 1) AS latest,
                (SELECT s2.id FROM submissions s2 WHERE s2.learner_email = s.learner_email AND s2.exercise_id = s.exercise_id ORDER BY s2.queued_at DESC, s2.rowid DESC LIMIT 1) AS latestId,
                MAX(s.max_score) AS maxScore,
                COUNT(*) AS count
         FROM submissions s JOIN learners l ON l.email = s.learner_email
         GROUP BY s.learner_email, s.exercise_id
         ORDER BY l.name, l.email, s.exercise_id`,
      )
      .all() as ReturnType<Store["gradebook"]>;
  }

  close() {
    if (this.pending.length) this.flush();
    this.db.close();
  }
}
