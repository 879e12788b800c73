/**
 * The store on PostgreSQL (`pg`), for a web tier and grader workers on several machines. Migrations
 * run under an advisory lock, so a web server and workers starting together apply each file once.
 * Inserts queued in the same tick share one transaction and one multi-row INSERT, with their jobs
 * (see queue.server.ts); a stored verdict is announced with NOTIFY so a waiting POST answers at once.
 */
import "server-only";
import DataLoader from "dataloader";
import pg from "pg";
import { PostgresLtiStore } from "./lti/store-postgres.server";
import { PreparedClient } from "./pg-client.server";
import type { GradingQueue } from "./queue.server";
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
  type WorkerHeartbeat,
} from "./store.server";

const GRADED_CHANNEL = "descent_graded";
/** A worker whose heartbeat is older than this is shown as gone. */
export const HEARTBEAT_ALIVE_SECONDS = 15;

type Row = SubmissionRow;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

interface DraftRow {
  draft_key: string;
  lesson: string;
  code: string;
  version: number;
  updated_at: Date;
}
const DRAFT_SELECT = `SELECT draft_key, lesson, code, version, updated_at FROM drafts`;
const fromDraftRow = (row: DraftRow): Draft => ({ key: row.draft_key, lesson: row.lesson, code: row.code, version: row.version, updatedAt: new Date(row.updated_at).toISOString() });

/** What Postgres casts to uuid: anything else in a batched read would fail the whole batch, so it is no id of ours. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const SELECT = `SELECT s.*, l.name FROM submissions s JOIN learners l ON l.email = s.learner_email`;

type Pending = { submission: NewSubmission; resolve: (value: { id: string; created: boolean }) => void; reject: (error: unknown) => void };

export class PostgresStore implements SubmissionsStore {
  readonly kind = "postgres";
  private pending: Pending[] = [];
  private scheduled = false;
  private listener: pg.Client | undefined;
  private readonly gradedListeners = new Set<(ids: string[]) => void>();
  readonly lti: PostgresLtiStore;
  /**
   * Reads asked for in the same tick go to the database as one query (dataloader, no cache: every
   * read sees the database as it is). When a worker's verdicts are announced, the answers to many
   * waiting POSTs and the LTI passback read the same submissions at once; one round trip each was
   * most of the web process's CPU (a write to a socket costs ~0.15 ms here).
   */
  private readonly submissions = new DataLoader<string, StoredSubmission | undefined>(
    async (ids) => {
      const { rows } = await this.pool.query<Row>(`${SELECT} WHERE s.id = ANY($1::uuid[])`, [ids]);
      const found = new Map(rows.map((row) => [row.id, submissionFromRow(row)]));
      return ids.map((id) => found.get(id));
    },
    { cache: false, maxBatchSize: 500 },
  );
  private readonly reviews = new DataLoader<string, Review | undefined>(
    async (ids) => {
      const { rows } = await this.pool.query<{ submission_id: string; lines: unknown; comment: string; points: number; reviewed_at: Date }>(
        `SELECT submission_id, lines, comment, points, reviewed_at FROM reviews WHERE submission_id = ANY($1::uuid[])`,
        [ids],
      );
      const found = new Map(rows.map((row) => [row.submission_id, reviewFromRow(row.submission_id, row)]));
      return ids.map((id) => found.get(id));
    },
    { cache: false, maxBatchSize: 500 },
  );

  private constructor(
    readonly pool: pg.Pool,
    private readonly queue: GradingQueue | undefined,
  ) {
    this.lti = new PostgresLtiStore(pool);
  }

  /** Opens the pool and migrates. `queue`: where inserted and requeued submissions get their jobs. */
  static async open(url: string, options: { queue?: GradingQueue; poolSize?: number; queryTimeoutMs?: number } = {}): Promise<PostgresStore> {
    const pool = new pg.Pool({
      connectionString: url,
      Client: PreparedClient,
      max: options.poolSize ?? 10,
      application_name: "descent",
      connectionTimeoutMillis: 10_000,
      // A cut network does not close a TCP connection: without a timeout a query would wait forever.
      query_timeout: options.queryTimeoutMs ?? 30_000,
      keepAlive: true,
    });
    // A dropped connection (a network cut, a server restart) must not crash the process: the next query reconnects.
    pool.on("error", (error) => console.error(`[descent store] idle connection lost: ${error.message}`));
    const store = new PostgresStore(pool, options.queue);
    await store.migrate();
    return store;
  }

  private async migrate() {
    await this.transaction(async (client) => {
      // One migrator at a time across every process on this database.
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('descent-migrations'))`);
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
      const { rows } = await client.query<{ version: number }>(`SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations`);
      const current = rows[0]?.version ?? 0;
      for (const migration of migrations("postgres")) {
        if (migration.version <= current) continue;
        await client.query(migration.sql);
        await client.query(`INSERT INTO schema_migrations (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
      }
    });
  }

  private async transaction<T>(run: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const result = await run(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async upsertLearner(email: string, name: string): Promise<void> {
    await this.pool.query(`INSERT INTO learners (email, name) VALUES ($1, $2) ON CONFLICT (email) DO UPDATE SET name = excluded.name`, [email, name]);
  }

  insertSubmission(submission: NewSubmission): Promise<{ id: string; created: boolean }> {
    return new Promise((resolve, reject) => {
      this.pending.push({ submission, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flushInserts());
      }
    });
  }

  /** Every insert of this tick: one transaction, one INSERT, one job insert, one lookup of replays. */
  private async flushInserts() {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    try {
      const outcome = await this.transaction(async (client) => {
        const columns = ["id", "learner_email", "exercise_id", "code", "idempotency_key"] as const;
        const values = batch.map(({ submission: s }) => [s.id, s.learnerEmail, s.exerciseId, s.code, s.idempotencyKey ?? null]);
        const { rows } = await client.query<{ id: string }>(
          `INSERT INTO submissions (${columns.join(", ")}, status)
           SELECT *, 'queued' FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])
           ON CONFLICT (learner_email, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
           RETURNING id`,
          columns.map((_, column) => values.map((row) => row[column])),
        );
        const created = new Set(rows.map((row) => row.id));
        await this.queue?.enqueue(client, [...created]);
        const replays = batch.filter(({ submission }) => !created.has(submission.id));
        const existing = new Map<string, string>();
        if (replays.length) {
          const found = await client.query<{ id: string; learner_email: string; idempotency_key: string }>(
            `SELECT s.id, s.learner_email, s.idempotency_key FROM submissions s
             JOIN unnest($1::text[], $2::text[]) AS k(email, key) ON s.learner_email = k.email AND s.idempotency_key = k.key`,
            [replays.map((r) => r.submission.learnerEmail), replays.map((r) => r.submission.idempotencyKey ?? "")],
          );
          for (const row of found.rows) existing.set(`${row.learner_email}\n${row.idempotency_key}`, row.id);
        }
        return { created, existing };
      });
      for (const { submission, resolve, reject } of batch) {
        if (outcome.created.has(submission.id)) resolve({ id: submission.id, created: true });
        else {
          const id = outcome.existing.get(`${submission.learnerEmail}\n${submission.idempotencyKey ?? ""}`);
          if (id) resolve({ id, created: false });
          else reject(new Error(`submission ${submission.id} was neither stored nor found by its idempotency key`));
        }
      }
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
  }

  async startGrading(ids: string[], graderId: string): Promise<Lease[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.pool.query<Row & { lease: number }>(
      `WITH claimed AS (
         UPDATE submissions SET status = 'running', started_at = now(), attempts = attempts + 1, lease = lease + 1, grader_id = $2
         WHERE id = ANY($1::uuid[]) AND status != 'graded'
         RETURNING *
       )
       SELECT c.*, l.name FROM claimed c JOIN learners l ON l.email = c.learner_email`,
      [ids, graderId],
    );
    return rows.map((row) => ({ submission: submissionFromRow(row), lease: row.lease }));
  }

  async finishGrading(items: { id: string; lease: number; verdict: Verdict }[]): Promise<string[]> {
    if (items.length === 0) return [];
    const { rows } = await this.pool.query<{ id: string }>(
      `WITH done AS (
         UPDATE submissions s SET status = 'graded', score = v.score, max_score = v.max_score, results = v.results, finished_at = now(), grader_version = v.version, verdicts = s.verdicts + 1
         FROM unnest($1::uuid[], $2::int[], $3::float8[], $4::float8[], $5::jsonb[], $6::text[]) AS v(id, lease, score, max_score, results, version)
         WHERE s.id = v.id AND s.lease = v.lease AND s.status = 'running'
         RETURNING s.id
       )
       SELECT id, pg_notify('${GRADED_CHANNEL}', (SELECT string_agg(id::text, ',') FROM done)) FROM done`,
      [
        items.map((item) => item.id),
        items.map((item) => item.lease),
        items.map((item) => item.verdict.score),
        items.map((item) => item.verdict.maxScore),
        items.map((item) => JSON.stringify(item.verdict.results)),
        items.map((item) => item.verdict.graderVersion),
      ],
    );
    return [...new Set(rows.map((row) => row.id))];
  }

  async releaseGrading(items: { id: string; lease: number }[]): Promise<void> {
    if (items.length === 0) return;
    await this.pool.query(
      `UPDATE submissions s SET status = 'queued', started_at = NULL, attempts = GREATEST(attempts - 1, 0)
       FROM unnest($1::uuid[], $2::int[]) AS v(id, lease) WHERE s.id = v.id AND s.lease = v.lease AND s.status = 'running'`,
      [items.map((item) => item.id), items.map((item) => item.lease)],
    );
  }

  async requeue(ids: string[]): Promise<void> {
    await this.transaction(async (client) => {
      await client.query(`UPDATE submissions SET status = 'queued', started_at = NULL, finished_at = NULL, attempts = 0 WHERE id = ANY($1::uuid[])`, [ids]);
      await this.queue?.enqueue(client, ids);
    });
  }

  async get(id: string): Promise<StoredSubmission | undefined> {
    if (!UUID.test(id)) return undefined;
    return this.submissions.load(id);
  }

  async unfinished(): Promise<StoredSubmission[]> {
    return (await this.pool.query<Row>(`${SELECT} WHERE s.status != 'graded' ORDER BY s.queued_at, s.seq`)).rows.map(submissionFromRow);
  }

  async forExercise(exerciseId: string): Promise<StoredSubmission[]> {
    return (await this.pool.query<Row>(`${SELECT} WHERE s.exercise_id = $1 ORDER BY s.queued_at, s.seq`, [exerciseId])).rows.map(submissionFromRow);
  }

  async gradebook(): Promise<GradebookRow[]> {
    const { rows } = await this.pool.query<Omit<GradebookRow, "latestAt"> & { latestAt: Date }>(
      `WITH scored AS (
         SELECT s.id, s.seq, s.learner_email, s.exercise_id, s.queued_at, s.max_score, (r.submission_id IS NOT NULL)::int AS reviewed,
                CASE WHEN r.submission_id IS NULL OR s.score IS NULL THEN s.score ELSE LEAST(GREATEST(s.score + r.points, 0), s.max_score) END AS score
         FROM submissions s LEFT JOIN reviews r ON r.submission_id = s.id
       )
       SELECT l.email, l.name, g.exercise_id AS "exerciseId", g.best, latest.score AS latest, latest.id::text AS "latestId", latest.queued_at AS "latestAt",
              g.max_score AS "maxScore", g.count, g.reviewed
       FROM (SELECT learner_email, exercise_id, MAX(score) AS best, MAX(max_score) AS max_score, COUNT(*)::int AS count, SUM(reviewed)::int AS reviewed FROM scored GROUP BY learner_email, exercise_id) g
       JOIN learners l ON l.email = g.learner_email
       CROSS JOIN LATERAL (
         SELECT s.id, s.score, s.queued_at FROM scored s WHERE s.learner_email = g.learner_email AND s.exercise_id = g.exercise_id ORDER BY s.queued_at DESC, s.seq DESC LIMIT 1
       ) latest
       ORDER BY l.name, l.email, g.exercise_id`,
    );
    return rows.map((row) => ({ ...row, latestAt: row.latestAt.toISOString() }));
  }

  async countSubmissions(learnerEmail: string, exerciseId: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM submissions WHERE learner_email = $1 AND exercise_id = $2`, [learnerEmail, exerciseId]);
    return rows[0]?.n ?? 0;
  }

  async saveReview(submissionId: string, review: { lines: ReviewLine[]; comment: string }): Promise<Review> {
    const { rows } = await this.pool.query<{ reviewed_at: Date }>(
      `INSERT INTO reviews (submission_id, lines, comment, points) VALUES ($1, $2, $3, $4)
       ON CONFLICT (submission_id) DO UPDATE SET lines = excluded.lines, comment = excluded.comment, points = excluded.points, reviewed_at = now()
       RETURNING reviewed_at`,
      [submissionId, JSON.stringify(review.lines), review.comment, reviewPoints(review.lines)],
    );
    return { lines: review.lines, comment: review.comment, points: reviewPoints(review.lines), reviewedAt: (rows[0]?.reviewed_at ?? new Date()).toISOString() };
  }

  async review(submissionId: string): Promise<Review | undefined> {
    if (!UUID.test(submissionId)) return undefined;
    return this.reviews.load(submissionId);
  }

  async recordHints(learnerEmail: string, exerciseId: string, hints: number): Promise<number> {
    const { rows } = await this.pool.query<{ hints: number }>(
      `INSERT INTO hint_reveals (learner_email, exercise_id, hints) VALUES ($1, $2, $3)
       ON CONFLICT (learner_email, exercise_id) DO UPDATE SET hints = GREATEST(hint_reveals.hints, excluded.hints), opened_at = now() RETURNING hints`,
      [learnerEmail, exerciseId, hints],
    );
    return rows[0]?.hints ?? hints;
  }

  async hintsOpened(only?: { learnerEmail: string; exerciseId: string }): Promise<{ learnerEmail: string; exerciseId: string; hints: number }[]> {
    const select = `SELECT learner_email AS "learnerEmail", exercise_id AS "exerciseId", hints FROM hint_reveals`;
    const { rows } = only
      ? await this.pool.query<{ learnerEmail: string; exerciseId: string; hints: number }>(`${select} WHERE learner_email = $1 AND exercise_id = $2`, [only.learnerEmail, only.exerciseId])
      : await this.pool.query<{ learnerEmail: string; exerciseId: string; hints: number }>(select);
    return rows;
  }

  async queueState(): Promise<QueueState> {
    const counts = await this.pool.query<{ queued: number; running: number; oldest: Date | null }>(
      `SELECT COUNT(*) FILTER (WHERE status = 'queued')::int AS queued, COUNT(*) FILTER (WHERE status = 'running')::int AS running,
              MIN(queued_at) FILTER (WHERE status = 'queued') AS oldest
       FROM submissions WHERE status != 'graded'`,
    );
    const workers = await this.pool.query<{ id: string; host: string; pid: number; capacity: number; busy: number; graded: string; started_at: Date; seen_at: Date; alive: boolean }>(
      `SELECT *, (stopped_at IS NULL AND seen_at > now() - make_interval(secs => $1)) AS alive FROM grader_workers
       WHERE seen_at > now() - interval '1 hour' ORDER BY host, pid`,
      [HEARTBEAT_ALIVE_SECONDS],
    );
    const row = counts.rows[0];
    return {
      queued: row?.queued ?? 0,
      running: row?.running ?? 0,
      oldestQueuedAt: iso(row?.oldest ?? null),
      workers: workers.rows.map(
        (w): WorkerHeartbeat => ({ id: w.id, host: w.host, pid: w.pid, capacity: w.capacity, busy: w.busy, graded: Number(w.graded), startedAt: w.started_at.toISOString(), seenAt: w.seen_at.toISOString(), alive: w.alive }),
      ),
    };
  }

  /** A grader worker's heartbeat: who it is, how much it can take and is taking, how many it has graded. */
  async heartbeat(worker: { id: string; host: string; pid: number; capacity: number; busy: number; graded: number; stopped?: boolean }): Promise<void> {
    await this.pool.query(
      `INSERT INTO grader_workers (id, host, pid, capacity, busy, graded, stopped_at) VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $7 THEN now() END)
       ON CONFLICT (id) DO UPDATE SET capacity = excluded.capacity, busy = excluded.busy, graded = excluded.graded, seen_at = now(), stopped_at = excluded.stopped_at`,
      [worker.id, worker.host, worker.pid, worker.capacity, worker.busy, worker.graded, worker.stopped === true],
    );
  }

  /** Calls `listener` with the ids of submissions as their verdicts are stored (by any worker). */
  async onGraded(listener: (ids: string[]) => void): Promise<() => void> {
    this.gradedListeners.add(listener);
    if (!this.listener) await this.listen();
    return () => this.gradedListeners.delete(listener);
  }

  private async listen() {
    const client = new pg.Client({ connectionString: this.pool.options.connectionString, application_name: "descent-listen" });
    this.listener = client;
    const reconnect = () => {
      if (this.listener !== client) return;
      this.listener = undefined;
      setTimeout(() => void this.listen().catch(() => undefined), 1_000);
    };
    client.on("error", reconnect);
    client.on("end", reconnect);
    client.on("notification", (message) => {
      if (message.channel !== GRADED_CHANNEL || !message.payload) return;
      const ids = message.payload.split(",");
      for (const listener of this.gradedListeners) listener(ids);
    });
    await client.connect();
    await client.query(`LISTEN ${GRADED_CHANNEL}`);
  }

  async progress(email: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ data: unknown }>(`SELECT data FROM learner_progress WHERE learner_email = $1`, [email]);
    const stored = rows[0]?.data;
    return stored === null || stored === undefined ? undefined : JSON.stringify(stored);
  }

  async updateProgress(email: string, update: (current: string | undefined) => string): Promise<string> {
    return this.transaction(async (client) => {
      // The row exists first (JSON null: nothing stored yet), so FOR UPDATE has something to lock and two devices' writes queue.
      await client.query(`INSERT INTO learner_progress (learner_email, data) VALUES ($1, 'null') ON CONFLICT (learner_email) DO NOTHING`, [email]);
      const { rows } = await client.query<{ data: unknown }>(`SELECT data FROM learner_progress WHERE learner_email = $1 FOR UPDATE`, [email]);
      const stored = rows[0]?.data;
      const data = update(stored === null || stored === undefined ? undefined : JSON.stringify(stored));
      await client.query(`UPDATE learner_progress SET data = $2::jsonb, updated_at = now() WHERE learner_email = $1`, [email, data]);
      return data;
    });
  }

  async drafts(email: string, lesson: string): Promise<Draft[]> {
    const { rows } = await this.pool.query<DraftRow>(`${DRAFT_SELECT} WHERE learner_email = $1 AND lesson = $2 ORDER BY draft_key`, [email, lesson]);
    return rows.map(fromDraftRow);
  }

  async saveDraft(email: string, draft: { key: string; lesson: string; code: string; baseVersion: number }): Promise<DraftSave> {
    // One statement: a first save inserts; a later one updates only from the version it was edited from.
    const { rows } = await this.pool.query<DraftRow>(
      `INSERT INTO drafts (learner_email, lesson, draft_key, code, version) VALUES ($1, $2, $3, $4, $5 + 1)
       ON CONFLICT (learner_email, draft_key) DO UPDATE SET code = excluded.code, version = excluded.version, updated_at = now() WHERE drafts.version = $5
       RETURNING draft_key, lesson, code, version, updated_at`,
      [email, draft.lesson, draft.key, draft.code, draft.baseVersion],
    );
    if (rows[0]) return { saved: true, draft: fromDraftRow(rows[0]) };
    const current = await this.pool.query<DraftRow>(`${DRAFT_SELECT} WHERE learner_email = $1 AND draft_key = $2`, [email, draft.key]);
    return { saved: false, current: fromDraftRow(current.rows[0] as DraftRow) };
  }

  async ping(): Promise<void> {
    await this.pool.query("SELECT 1");
  }

  async close(): Promise<void> {
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.pool.end();
  }
}
