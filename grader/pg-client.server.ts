/**
 * pg's Client with every parameterized query prepared once per connection, named by its text.
 * A grading is a dozen small statements (the insert and its job, the fetch, the claim, the verdict,
 * the completion, the reads); unprepared, Postgres parses and plans each one every time, which was
 * most of its CPU on 2 cores (0.8 ms of execution, 3.9 ms of backend CPU per submission).
 * Used by the store's pool and by pg-boss's (its config is passed on to `pg.Pool`).
 *
 * Prepared, not cached: each execution is still planned for its own values (plan_cache_mode), since
 * the generic plans Postgres switches to after five runs were 3-10x slower here (pg-boss's fetch on its
 * partitioned job table, the reads by `id = ANY($1)`); what is saved is the parse and the analysis.
 *
 * Queries without values keep the simple protocol (migrations and pg-boss's maintenance send several
 * statements at once, which a prepared statement cannot hold). Texts built at run time would prepare a
 * new statement each, on every connection, so only the first MAX_NAMES texts are named.
 */
import "server-only";
import { createHash } from "node:crypto";
import pg from "pg";

const MAX_NAMES = 1_000;
const names = new Map<string, string>();
/** Texts whose prepared statement the schema outgrew (see below): sent unprepared from then on. */
const unprepared = new Set<string>();

function nameOf(text: string): string | undefined {
  if (unprepared.has(text)) return undefined;
  const known = names.get(text);
  if (known || names.size >= MAX_NAMES) return known;
  const name = `descent_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;
  names.set(text, name);
  return name;
}

/**
 * Postgres refuses to run a prepared statement whose result columns changed under it ("cached plan must
 * not change result type", 0A000): a `SELECT s.*` prepared before a newer process migrated the table.
 * A process still running the old code then answers as before, unprepared.
 */
const isStalePlan = (error: unknown) => (error as { code?: unknown } | null)?.code === "0A000" && /cached plan must not change result type/.test(String((error as Error).message));

export class PreparedClient extends pg.Client {
  constructor(config: pg.ClientConfig = {}) {
    super({ ...config, options: [config.options, "-c plan_cache_mode=force_custom_plan"].filter(Boolean).join(" ") });
  }

  // pg's query() has a dozen overloads; this one only rewrites (text, values[]) into a named config,
  // with the promise or the callback (pg.Pool's own form); a stale plan is retried unprepared.
  query(config: unknown, values?: unknown, callback?: unknown): never {
    const query = super.query as (...args: unknown[]) => never;
    const name = typeof config === "string" && Array.isArray(values) && values.length > 0 ? nameOf(config) : undefined;
    if (!name || (callback !== undefined && typeof callback !== "function")) return query.call(this, config, values, callback);
    const named = { name, text: config, values };
    type Done = (error: unknown, result?: unknown) => void;
    const run = (done: Done) =>
      query.call(this, named, (error: unknown, result: unknown) => {
        if (!error || !isStalePlan(error)) return done(error, result);
        unprepared.add(config as string);
        query.call(this, config, values, done);
      });
    if (typeof callback === "function") return run(callback as Done);
    return new Promise((resolve, reject) => run((error, result) => (error ? reject(error) : resolve(result)))) as never;
  }
}
