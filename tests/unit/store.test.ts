/**
 * The submissions store, one suite run against both implementations: SQLite (embedded) and
 * PostgreSQL (a real server: DESCENT_TEST_DATABASE_URL or the throwaway cluster of the global setup).
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { SqliteStore } from "@/grader/store-sqlite.server";
import { PostgresStore } from "@/grader/store-postgres.server";
import type { SubmissionsStore, Verdict } from "@/grader/store.server";
import { freshDatabase } from "../setup/postgres";

interface Backend {
  name: string;
  open: () => Promise<SubmissionsStore>;
  /** The schema versions the database records as applied. */
  versions: () => Promise<number[]>;
  cleanup: () => Promise<void>;
}

const dataDir = mkdtempSync(join(tmpdir(), "descent-store-"));
const database = await freshDatabase(inject("postgresUrl"));
const migrationCount = (kind: string) => readdirSync(join("grader", "migrations", kind)).filter((name) => name.endsWith(".sql")).length;

const backends: Backend[] = [
  {
    name: "SQLite",
    open: async () => new SqliteStore(dataDir),
    versions: async () => {
      const { default: Database } = await import("better-sqlite3");
      const db = new Database(join(dataDir, "descent.sqlite"), { readonly: true });
      const version = Number(db.pragma("user_version", { simple: true }));
      db.close();
      return Array.from({ length: version }, (_, i) => i + 1);
    },
    cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
  },
  {
    name: "PostgreSQL",
    open: () => PostgresStore.open(database.url),
    versions: async () => {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const { rows } = await client.query<{ version: number }>("SELECT version FROM schema_migrations ORDER BY version");
      await client.end();
      return rows.map((row) => row.version);
    },
    cleanup: () => database.drop(),
  },
];

afterAll(async () => {
  for (const backend of backends) await backend.cleanup();
});

const verdict = (score: number, maxScore = 3): Verdict => ({
  score,
  maxScore,
  results: [{ name: "first test", passed: score > 0, points: maxScore, message: score > 0 ? "" : "expected 1, got 2 (with \"quotes\" and a \\ backslash)", hidden: false }],
  graderVersion: "descent-grader/1 tests:abc",
});

describe.each(backends)("the submissions store on $name", (backend) => {
  let store: SubmissionsStore;

  it("applies every versioned migration on open, and reopening applies none twice", async () => {
    store = await backend.open();
    const kind = store.kind;
    expect(await backend.versions()).toEqual(Array.from({ length: migrationCount(kind) }, (_, i) => i + 1));
    await store.close();
    store = await backend.open();
    expect(await backend.versions()).toEqual(Array.from({ length: migrationCount(kind) }, (_, i) => i + 1));
  });

  it("stores a submission as queued and returns it with the learner's name", async () => {
    await store.upsertLearner("ada@example.org", "Ada");
    await store.upsertLearner("ada@example.org", "Ada Lovelace");
    const id = randomUUID();
    expect(await store.insertSubmission({ id, learnerEmail: "ada@example.org", exerciseId: "bernoulli-nll", code: "const x = 1;" })).toEqual({ id, created: true });
    const stored = await store.get(id);
    expect(stored).toMatchObject({ id, learnerEmail: "ada@example.org", learnerName: "Ada Lovelace", exerciseId: "bernoulli-nll", code: "const x = 1;", status: "queued", score: null, attempts: 0 });
    expect(Number.isNaN(Date.parse(stored!.queuedAt))).toBe(false);
    expect(await store.get(randomUUID())).toBeUndefined();
    expect(await store.get("not-a-uuid")).toBeUndefined();
  });

  it("answers reads asked for together each with its own submission and review, and a malformed id with nothing", async () => {
    const ids = Array.from({ length: 12 }, () => randomUUID());
    await Promise.all(ids.map((id, n) => store.insertSubmission({ id, learnerEmail: "ada@example.org", exerciseId: "batched-reads", code: `// ${n}` })));
    const malformed = ["00000000-0000-0000-0000-00000000000g", "------------------------------------", "'); DROP TABLE submissions; --"];
    const read = await Promise.all([...ids, ...malformed, randomUUID()].map((id) => store.get(id)));
    expect(read.slice(0, ids.length).map((submission) => submission?.code)).toEqual(ids.map((_, n) => `// ${n}`));
    expect(read.slice(ids.length)).toEqual([undefined, undefined, undefined, undefined]);
    const reviews = await Promise.all([ids[0]!, ...malformed].map((id) => store.review(id)));
    expect(reviews).toEqual([undefined, undefined, undefined, undefined]);
  });

  it("stores one submission per learner and Idempotency-Key, even when the repeats arrive together", async () => {
    await store.upsertLearner("bob@example.org", "Bob");
    const key = `key-${randomUUID()}`;
    const attempts = await Promise.all(
      Array.from({ length: 8 }, () => store.insertSubmission({ id: randomUUID(), learnerEmail: "bob@example.org", exerciseId: "best-constant", code: "1", idempotencyKey: key })),
    );
    expect(attempts.filter((a) => a.created)).toHaveLength(1);
    expect(new Set(attempts.map((a) => a.id)).size).toBe(1);
    const later = await store.insertSubmission({ id: randomUUID(), learnerEmail: "bob@example.org", exerciseId: "best-constant", code: "1", idempotencyKey: key });
    expect(later).toEqual({ id: attempts[0]!.id, created: false });
    // The same key from another learner is another submission.
    const ada = await store.insertSubmission({ id: randomUUID(), learnerEmail: "ada@example.org", exerciseId: "best-constant", code: "1", idempotencyKey: key });
    expect(ada.created).toBe(true);
    expect((await store.forExercise("best-constant")).map((s) => s.learnerEmail)).toEqual(["bob@example.org", "ada@example.org"]);
  });

  it("stores a verdict only under the current lease, once", async () => {
    const id = randomUUID();
    await store.insertSubmission({ id, learnerEmail: "ada@example.org", exerciseId: "softmax", code: "2" });
    const [first] = await store.startGrading([id], "test-grader");
    expect(first?.submission).toMatchObject({ id, status: "running", attempts: 1 });
    // The first grader is presumed dead; a second one claims the submission.
    const [second] = await store.startGrading([id], "test-grader");
    expect(second?.submission.attempts).toBe(2);
    expect(await store.finishGrading([{ id, lease: first!.lease, verdict: verdict(3) }])).toEqual([]);
    expect(await store.finishGrading([{ id, lease: second!.lease, verdict: verdict(0) }])).toEqual([id]);
    expect(await store.finishGrading([{ id, lease: second!.lease, verdict: verdict(3) }])).toEqual([]);
    const graded = await store.get(id);
    expect(graded).toMatchObject({ status: "graded", score: 0, maxScore: 3, graderVersion: "descent-grader/1 tests:abc", verdicts: 1 });
    expect(graded?.results[0]?.message).toBe('expected 1, got 2 (with "quotes" and a \\ backslash)');
    expect(await store.startGrading([id], "test-grader")).toEqual([]);
  });

  it("gives back a claimed submission without counting the attempt, and requeues with a fresh count", async () => {
    const id = randomUUID();
    await store.insertSubmission({ id, learnerEmail: "bob@example.org", exerciseId: "softmax", code: "3" });
    const [lease] = await store.startGrading([id], "test-grader");
    await store.releaseGrading([{ id, lease: lease!.lease }]);
    expect(await store.get(id)).toMatchObject({ status: "queued", attempts: 0, startedAt: null });
    const [again] = await store.startGrading([id], "test-grader");
    await store.finishGrading([{ id, lease: again!.lease, verdict: verdict(3) }]);
    await store.requeue([id]);
    expect(await store.get(id)).toMatchObject({ status: "queued", attempts: 0, finishedAt: null });
    expect((await store.unfinished()).map((s) => s.id)).toContain(id);
  });

  it("counts the queue and keeps a gradebook of best, latest and count per learner and exercise", async () => {
    const state = await store.queueState();
    expect(state.queued).toBe((await store.unfinished()).filter((s) => s.status === "queued").length);
    expect(state.oldestQueuedAt).not.toBeNull();
    const rows = await store.gradebook();
    const softmax = rows.filter((row) => row.exerciseId === "softmax");
    expect(softmax.map(({ email, best, count }) => ({ email, best, count }))).toEqual([
      { email: "ada@example.org", best: 0, count: 1 },
      { email: "bob@example.org", best: 3, count: 1 },
    ]);
    expect(rows.find((row) => row.exerciseId === "best-constant" && row.email === "bob@example.org")).toMatchObject({ name: "Bob", count: 1, best: null, latest: null });
  });

  it("keeps reviews apart from verdicts: the gradebook counts and marks them, a regrade keeps them", async () => {
    const id = randomUUID();
    await store.insertSubmission({ id, learnerEmail: "ada@example.org", exerciseId: "reviewed", code: "4" });
    const [lease] = await store.startGrading([id], "test-grader");
    await store.finishGrading([{ id, lease: lease!.lease, verdict: verdict(1) }]);
    expect(await store.review(id)).toBeUndefined();
    const saved = await store.saveReview(id, { lines: [{ points: 1.5, comment: "good idea" }, { points: -0.5, comment: "messy" }], comment: "see me" });
    expect(saved).toMatchObject({ points: 1, comment: "see me" });
    // Up to the maximum, never past it.
    await store.saveReview(id, { lines: [{ points: 5, comment: "brilliant" }], comment: "" });
    expect(await store.review(id)).toMatchObject({ lines: [{ points: 5, comment: "brilliant" }], points: 5, comment: "" });
    expect((await store.gradebook()).find((row) => row.exerciseId === "reviewed")).toMatchObject({ best: 3, latest: 3, maxScore: 3, reviewed: 1, count: 1 });
    await store.requeue([id]);
    const [again] = await store.startGrading([id], "test-grader");
    await store.finishGrading([{ id, lease: again!.lease, verdict: verdict(0) }]);
    expect((await store.review(id))?.points).toBe(5);
    expect((await store.gradebook()).find((row) => row.exerciseId === "reviewed")).toMatchObject({ best: 3, reviewed: 1 });
    expect(await store.countSubmissions("ada@example.org", "reviewed")).toBe(1);
    expect(await store.countSubmissions("bob@example.org", "reviewed")).toBe(0);
  });

  it("records the hints a learner opened, never fewer than before", async () => {
    expect(await store.recordHints("bob@example.org", "softmax", 2)).toBe(2);
    expect(await store.recordHints("bob@example.org", "softmax", 1)).toBe(2);
    expect(await store.recordHints("bob@example.org", "softmax", 3)).toBe(3);
    expect(await store.hintsOpened({ learnerEmail: "bob@example.org", exerciseId: "softmax" })).toEqual([{ learnerEmail: "bob@example.org", exerciseId: "softmax", hints: 3 }]);
    expect(await store.hintsOpened({ learnerEmail: "ada@example.org", exerciseId: "softmax" })).toEqual([]);
    await store.ping();
  });

  it("keeps a learner's progress, merging writes that arrive together without losing either", async () => {
    expect(await store.progress("cleo@example.org")).toBeUndefined();
    const add = (cell: number) => (current: string | undefined) => {
      const cells: number[] = current ? (JSON.parse(current) as { cells: number[] }).cells : [];
      return JSON.stringify({ cells: [...cells, cell].sort((a, b) => a - b) });
    };
    await Promise.all([1, 2, 3, 4].map((cell) => store.updateProgress("cleo@example.org", add(cell))));
    expect(JSON.parse((await store.progress("cleo@example.org"))!)).toEqual({ cells: [1, 2, 3, 4] });
    expect(await store.progress("dan@example.org")).toBeUndefined();
  });

  it("saves drafts by version: a save from an older version stores nothing and returns the newer draft", async () => {
    const first = await store.saveDraft("cleo@example.org", { lesson: "optimizers", key: "cell:2", code: "a", baseVersion: 0 });
    expect(first).toMatchObject({ saved: true, draft: { key: "cell:2", lesson: "optimizers", code: "a", version: 1 } });
    expect(await store.saveDraft("cleo@example.org", { lesson: "optimizers", key: "cell:2", code: "b", baseVersion: 1 })).toMatchObject({ saved: true, draft: { code: "b", version: 2 } });
    // Another device still at version 1 (or with none) cannot overwrite version 2.
    for (const baseVersion of [0, 1]) {
      expect(await store.saveDraft("cleo@example.org", { lesson: "optimizers", key: "cell:2", code: "stale", baseVersion })).toMatchObject({ saved: false, current: { code: "b", version: 2 } });
    }
    await store.saveDraft("cleo@example.org", { lesson: "optimizers", key: "exercise:descend", code: "c", baseVersion: 0 });
    await store.saveDraft("cleo@example.org", { lesson: "challenges", key: "cell:1", code: "d", baseVersion: 0 });
    await store.saveDraft("dan@example.org", { lesson: "optimizers", key: "cell:2", code: "e", baseVersion: 0 });
    const drafts = await store.drafts("cleo@example.org", "optimizers");
    expect(drafts.map(({ key, code, version }) => ({ key, code, version }))).toEqual([
      { key: "cell:2", code: "b", version: 2 },
      { key: "exercise:descend", code: "c", version: 1 },
    ]);
    expect(Number.isNaN(Date.parse(drafts[0]!.updatedAt))).toBe(false);
    await store.close();
  });
});

describe("the PostgreSQL store's connections", () => {
  it("prepare each parameterized statement once per connection, still run several statements sent without values, and outlive a newer schema", async () => {
    const store = (await PostgresStore.open(database.url, { poolSize: 1 })) as PostgresStore;
    await store.upsertLearner("erin@example.org", "Erin");
    const { id } = await store.insertSubmission({ id: randomUUID(), learnerEmail: "erin@example.org", exerciseId: "best-constant", code: "return 1;" });
    for (let i = 0; i < 3; i++) expect((await store.get(id))?.learnerEmail).toBe("erin@example.org");
    // The one connection of the pool holds the read as one named statement, planned for its values each time.
    const { rows } = await store.pool.query<{ statements: number; mode: string }>(
      "SELECT (SELECT COUNT(*)::int FROM pg_prepared_statements WHERE statement LIKE '%WHERE s.id = ANY($1::uuid[])%') AS statements, current_setting('plan_cache_mode') AS mode",
    );
    expect(rows[0]).toEqual({ statements: 1, mode: "force_custom_plan" });
    const results = (await store.pool.query("SELECT 1 AS a; SELECT 2 AS b")) as unknown as { rows: Record<string, number>[] }[];
    expect(results.map((result) => result.rows[0])).toEqual([{ a: 1 }, { b: 2 }]);
    // A newer process adds a column while this one runs: the read prepared on `s.*` still answers.
    await store.pool.query("ALTER TABLE submissions ADD COLUMN added_by_a_newer_version INTEGER");
    try {
      expect((await store.get(id))?.learnerEmail).toBe("erin@example.org");
    } finally {
      await store.pool.query("ALTER TABLE submissions DROP COLUMN added_by_a_newer_version");
    }
    await store.close();
  });
});
