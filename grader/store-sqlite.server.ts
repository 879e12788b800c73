/**
 * The embedded store: SQLite (better-sqlite3, WAL) in the data folder, migrated on open.
 * Writes are batched: callers await a promise that resolves once their row is committed, and every
 * write queued in the same tick shares one transaction (one fsync), which is what lets hundreds of
 * submissions per second through.
 */
import "server-only";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { SqliteLtiStore } from "./lti/store-sqlite.server";
import { statementCache } from "./sqlite.server";
import {
  type Draft,
  type DraftSave,
  type GradebookRow,
  type Lease,
  migrations,
  type NewSubmission,
  type QueueState,
  type Review,
  reviewFromRow,
  type ReviewLine,
  reviewPoints,
  type StoredSubmission,
  type SubmissionRow,
  submissionFromRow,
  type SubmissionsStore,
  type Verdict,
} from "./store.server";

type Row = SubmissionRow & { lease: number };

const SELECT = `SELECT s.*, l.name FROM submissions s JOIN learners l ON l.email = s.learner_email`;

export class SqliteStore implements SubmissionsStore {
  readonly kind = "sqlite";
  readonly db: Database.Database;
  readonly lti: SqliteLtiStore;
  private pending: { run: () => unknown; resolve: (value: unknown) => void; reject: (error: unknown) => void }[] = [];
  private scheduled = false;
  private readonly statements;
  /** Every other query, prepared once on first use. */
  private readonly sql: (text: string) => Database.Statement;

  constructor(readonly dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(/*turbopackIgnore: true*/ dataDir, "descent.sqlite"));
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("busy_timeout = 5000");
    this.sql = statementCache(this.db);
    this.migrate();
    this.lti = new SqliteLtiStore(this.db);
    // Prepared once: preparing per call costs more than the insert itself at hundreds per second.
    this.statements = {
      upsertLearner: this.sql(`INSERT INTO learners (email, name, created_at) VALUES (?, ?, ?) ON CONFLICT(email) DO UPDATE SET name = excluded.name`),
      insert: this.sql(
        `INSERT INTO submissions (id, learner_email, exercise_id, code, status, queued_at, idempotency_key) VALUES (?, ?, ?, ?, 'queued', ?, ?)
         ON CONFLICT (learner_email, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING`,
      ),
      byKey: this.sql(`SELECT id FROM submissions WHERE learner_email = ? AND idempotency_key = ?`),
      start: this.sql(`UPDATE submissions SET status = 'running', started_at = ?, attempts = attempts + 1, lease = lease + 1, grader_id = ? WHERE id = ? AND status != 'graded' RETURNING lease`),
      finish: this.sql(
        `UPDATE submissions SET status = 'graded', score = ?, max_score = ?, results = ?, finished_at = ?, grader_version = ?, verdicts = verdicts + 1 WHERE id = ? AND lease = ? AND status = 'running'`,
      ),
      release: this.sql(`UPDATE submissions SET status = 'queued', started_at = NULL, attempts = MAX(attempts - 1, 0) WHERE id = ? AND lease = ? AND status = 'running'`),
      requeue: this.sql(`UPDATE submissions SET status = 'queued', started_at = NULL, finished_at = NULL, attempts = 0 WHERE id = ?`),
      get: this.sql(`${SELECT} WHERE s.id = ?`),
    };
  }

  private migrate() {
    const version = Number(this.db.pragma("user_version", { simple: true }));
    for (const migration of migrations("sqlite")) {
      if (migration.version <= version) continue;
      this.db.transaction(() => {
        this.db.exec(migration.sql);
        this.db.pragma(`user_version = ${migration.version}`);
      })();
    }
  }

  /** Queues a write; resolves with its result when the transaction holding it has committed. */
  private write<T>(run: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ run, resolve: resolve as (value: unknown) => void, reject });
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
      const results = this.db.transaction(() => batch.map((item) => item.run()))();
      batch.forEach((item, i) => item.resolve(results[i]));
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
  }

  async upsertLearner(email: string, name: string): Promise<void> {
    await this.write(() => this.statements.upsertLearner.run(email, name, new Date().toISOString()));
  }

  insertSubmission(submission: NewSubmission): Promise<{ id: string; created: boolean }> {
    return this.write(() => {
      const key = submission.idempotencyKey ?? null;
      const { changes } = this.statements.insert.run(submission.id, submission.learnerEmail, submission.exerciseId, submission.code, new Date().toISOString(), key);
      if (changes === 1) return { id: submission.id, created: true };
      const existing = this.statements.byKey.get(submission.learnerEmail, key) as { id: string };
      return { id: existing.id, created: false };
    });
  }

  startGrading(ids: string[], graderId: string): Promise<Lease[]> {
    return this.write(() => {
      const now = new Date().toISOString();
      return ids.flatMap((id) => {
        const claimed = this.statements.start.get(now, graderId, id) as { lease: number } | undefined;
        const row = claimed && (this.statements.get.get(id) as Row | undefined);
        return row && claimed ? [{ submission: submissionFromRow(row), lease: claimed.lease }] : [];
      });
    });
  }

  finishGrading(items: { id: string; lease: number; verdict: Verdict }[]): Promise<string[]> {
    return this.write(() => {
      const now = new Date().toISOString();
      return items.flatMap(({ id, lease, verdict }) =>
        this.statements.finish.run(verdict.score, verdict.maxScore, JSON.stringify(verdict.results), now, verdict.graderVersion, id, lease).changes === 1 ? [id] : [],
      );
    });
  }

  async releaseGrading(items: { id: string; lease: number }[]): Promise<void> {
    await this.write(() => {
      for (const { id, lease } of items) this.statements.release.run(id, lease);
    });
  }

  async requeue(ids: string[]): Promise<void> {
    await this.write(() => {
      for (const id of ids) this.statements.requeue.run(id);
    });
  }

  async get(id: string): Promise<StoredSubmission | undefined> {
    const row = this.statements.get.get(id) as Row | undefined;
    return row ? submissionFromRow(row) : undefined;
  }

  async unfinished(): Promise<StoredSubmission[]> {
    return (this.sql(`${SELECT} WHERE s.status != 'graded' ORDER BY s.queued_at, s.rowid`).all() as Row[]).map(submissionFromRow);
  }

  async forExercise(exerciseId: string): Promise<StoredSubmission[]> {
    return (this.sql(`${SELECT} WHERE s.exercise_id = ? ORDER BY s.queued_at, s.rowid`).all(exerciseId) as Row[]).map(submissionFromRow);
  }

  async gradebook(): Promise<GradebookRow[]> {
    return (
      this.sql(
          `WITH scored AS (
             SELECT s.id, s.rowid AS ord, s.learner_email, s.exercise_id, s.queued_at, s.max_score, r.submission_id IS NOT NULL AS reviewed,
                    CASE WHEN r.submission_id IS NULL OR s.score IS NULL THEN s.score ELSE MIN(MAX(s.score + r.points, 0), s.max_score) END AS score
             FROM submissions s LEFT JOIN reviews r ON r.submission_id = s.id
           )
           SELECT l.email, l.name, g.exercise_id AS exerciseId,
                  MAX(g.score) AS best,
                  (SELECT s2.score FROM scored s2 WHERE s2.learner_email = g.learner_email AND s2.exercise_id = g.exercise_id ORDER BY s2.queued_at DESC, s2.ord DESC LIMIT 1) AS latest,
                  (SELECT s2.id FROM scored s2 WHERE s2.learner_email = g.learner_email AND s2.exercise_id = g.exercise_id ORDER BY s2.queued_at DESC, s2.ord DESC LIMIT 1) AS latestId,
                  MAX(g.queued_at) AS latestAt,
                  MAX(g.max_score) AS maxScore,
                  COUNT(*) AS count,
                  SUM(g.reviewed) AS reviewed
           FROM scored g JOIN learners l ON l.email = g.learner_email
           GROUP BY g.learner_email, g.exercise_id
           ORDER BY l.name, l.email, g.exercise_id`,
        )
        .all() as GradebookRow[]
    ).map((row) => ({ ...row, reviewed: Number(row.reviewed) }));
  }

  async countSubmissions(learnerEmail: string, exerciseId: string): Promise<number> {
    return (this.sql(`SELECT COUNT(*) AS n FROM submissions WHERE learner_email = ? AND exercise_id = ?`).get(learnerEmail, exerciseId) as { n: number }).n;
  }

  saveReview(submissionId: string, review: { lines: ReviewLine[]; comment: string }): Promise<Review> {
    const saved: Review = { lines: review.lines, comment: review.comment, points: reviewPoints(review.lines), reviewedAt: new Date().toISOString() };
    return this.write(() => {
      this.sql(
          `INSERT INTO reviews (submission_id, lines, comment, points, reviewed_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (submission_id) DO UPDATE SET lines = excluded.lines, comment = excluded.comment, points = excluded.points, reviewed_at = excluded.reviewed_at`,
        )
        .run(submissionId, JSON.stringify(saved.lines), saved.comment, saved.points, saved.reviewedAt);
      return saved;
    });
  }

  async review(submissionId: string): Promise<Review | undefined> {
    const row = this.sql(`SELECT lines, comment, points, reviewed_at FROM reviews WHERE submission_id = ?`).get(submissionId) as
      | { lines: string; comment: string; points: number; reviewed_at: string }
      | undefined;
    return row ? reviewFromRow(submissionId, row) : undefined;
  }

  recordHints(learnerEmail: string, exerciseId: string, hints: number): Promise<number> {
    return this.write(
      () =>
        (
          this.sql(
              `INSERT INTO hint_reveals (learner_email, exercise_id, hints, opened_at) VALUES (?, ?, ?, ?)
               ON CONFLICT (learner_email, exercise_id) DO UPDATE SET hints = MAX(hints, excluded.hints), opened_at = excluded.opened_at RETURNING hints`,
            )
            .get(learnerEmail, exerciseId, hints, new Date().toISOString()) as { hints: number }
        ).hints,
    );
  }

  async hintsOpened(only?: { learnerEmail: string; exerciseId: string }): Promise<{ learnerEmail: string; exerciseId: string; hints: number }[]> {
    const select = `SELECT learner_email AS learnerEmail, exercise_id AS exerciseId, hints FROM hint_reveals`;
    return (only ? this.sql(`${select} WHERE learner_email = ? AND exercise_id = ?`).all(only.learnerEmail, only.exerciseId) : this.sql(select).all()) as {
      learnerEmail: string;
      exerciseId: string;
      hints: number;
    }[];
  }

  async queueState(): Promise<QueueState> {
    const row = this.sql(`SELECT COUNT(*) FILTER (WHERE status = 'queued') AS queued, COUNT(*) FILTER (WHERE status = 'running') AS running, MIN(queued_at) FILTER (WHERE status = 'queued') AS oldest FROM submissions WHERE status != 'graded'`)
      .get() as { queued: number; running: number; oldest: string | null };
    return { queued: row.queued, running: row.running, oldestQueuedAt: row.oldest, workers: [] };
  }

  async progress(email: string): Promise<string | undefined> {
    const row = this.sql(`SELECT data FROM learner_progress WHERE learner_email = ?`).get(email) as { data: string } | undefined;
    return row?.data;
  }

  updateProgress(email: string, update: (current: string | undefined) => string): Promise<string> {
    // Inside the write batch's transaction: nothing else writes between the read and the write.
    return this.write(() => {
      const row = this.sql(`SELECT data FROM learner_progress WHERE learner_email = ?`).get(email) as { data: string } | undefined;
      const data = update(row?.data);
      this.sql(`INSERT INTO learner_progress (learner_email, data, updated_at) VALUES (?, ?, ?) ON CONFLICT (learner_email) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`)
        .run(email, data, new Date().toISOString());
      return data;
    });
  }

  async drafts(email: string, lesson: string): Promise<Draft[]> {
    return this.sql(`SELECT draft_key AS key, lesson, code, version, updated_at AS updatedAt FROM drafts WHERE learner_email = ? AND lesson = ? ORDER BY draft_key`)
      .all(email, lesson) as Draft[];
  }

  saveDraft(email: string, draft: { key: string; lesson: string; code: string; baseVersion: number }): Promise<DraftSave> {
    return this.write((): DraftSave => {
      const select = this.sql(`SELECT draft_key AS key, lesson, code, version, updated_at AS updatedAt FROM drafts WHERE learner_email = ? AND draft_key = ?`);
      const current = select.get(email, draft.key) as Draft | undefined;
      // None stored (a first save, or a server whose data was reset): the save goes in.
      if (current && current.version !== draft.baseVersion) return { saved: false, current };
      const saved: Draft = { key: draft.key, lesson: draft.lesson, code: draft.code, version: draft.baseVersion + 1, updatedAt: new Date().toISOString() };
      this.sql(
          `INSERT INTO drafts (learner_email, lesson, draft_key, code, version, updated_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (learner_email, draft_key) DO UPDATE SET code = excluded.code, version = excluded.version, updated_at = excluded.updated_at`,
        )
        .run(email, saved.lesson, saved.key, saved.code, saved.version, saved.updatedAt);
      return { saved: true, draft: saved };
    });
  }

  async ping(): Promise<void> {
    this.sql("SELECT 1").get();
  }

  async close(): Promise<void> {
    if (this.pending.length) this.flush();
    this.db.close();
  }
}
