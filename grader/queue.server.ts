/**
 * The durable grading queue (Postgres mode): pg-boss 10 on the same database as the submissions.
 * A job names one submission. It is inserted in the same transaction as the submission row, so an
 * acknowledged submission always has a job; a worker that dies holding it loses it after
 * `expireInSeconds`, when pg-boss's maintenance puts it back (retry) for another worker.
 */
import "server-only";
import PgBoss from "pg-boss";
import { PreparedClient } from "./pg-client.server";

export const QUEUE = "descent-grading";

/** Seconds a worker may hold a job before it counts as lost; keep it above the slowest grading. */
export const DEFAULT_EXPIRE_SECONDS = 30;

export interface QueueSettings {
  expireInSeconds?: number;
  /** Whether this process sets the queue's policy (workers do; the web server only creates it). */
  owner?: boolean;
}

export interface Job {
  jobId: string;
  submissionId: string;
}

interface SqlClient {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

export class GradingQueue {
  private constructor(readonly boss: PgBoss) {}

  static async open(url: string, settings: QueueSettings = {}): Promise<GradingQueue> {
    const config: PgBoss.ConstructorOptions & { query_timeout: number; keepAlive: boolean; Client: typeof PreparedClient } = {
      connectionString: url,
      // Passed on to pg's Pool: pg-boss's statements are prepared once per connection (pg-client.server.ts).
      Client: PreparedClient,
      // Passed on to pg's Pool: a query over a cut network fails instead of hanging the worker.
      query_timeout: 15_000,
      keepAlive: true,
      schema: "pgboss",
      max: 4,
      application_name: "descent-queue",
      // Expiry is checked by maintenance: once a second, so a lost job comes back within seconds.
      maintenanceIntervalSeconds: 1,
      monitorStateIntervalSeconds: 60,
      schedule: false,
    };
    const boss = new PgBoss(config);
    boss.on("error", (error: Error) => console.error(`[descent queue] ${error.message}`));
    await boss.start();
    const options = {
      name: QUEUE,
      policy: "standard" as const,
      // Our own attempts count ends a submission that keeps killing graders (after 3); pg-boss's
      // retry limit only has to stay above that, counting graceful returns too.
      retryLimit: 100,
      retryDelay: 0,
      expireInSeconds: settings.expireInSeconds ?? DEFAULT_EXPIRE_SECONDS,
      retentionMinutes: 60 * 24 * 14,
    };
    await boss.createQueue(QUEUE, options);
    if (settings.owner) await boss.updateQueue(QUEUE, options);
    return new GradingQueue(boss);
  }

  /** Inserts one job per submission inside the caller's transaction. */
  async enqueue(client: SqlClient, submissionIds: string[]): Promise<void> {
    if (submissionIds.length === 0) return;
    await this.boss.insert(
      submissionIds.map((submissionId) => ({ name: QUEUE, data: { submissionId } })),
      { db: { executeSql: (text: string, values: unknown[]) => client.query(text, values) } },
    );
  }

  async fetch(max: number): Promise<Job[]> {
    if (max <= 0) return [];
    const jobs = await this.boss.fetch<{ submissionId?: unknown }>(QUEUE, { batchSize: max });
    return jobs.flatMap((job) => (typeof job.data?.submissionId === "string" ? [{ jobId: job.id, submissionId: job.data.submissionId }] : []));
  }

  async complete(jobIds: string[]): Promise<void> {
    if (jobIds.length) await this.boss.complete(QUEUE, jobIds);
  }

  /** Hands jobs back at once (graceful shutdown) instead of letting them expire. */
  async giveBack(jobIds: string[]): Promise<void> {
    if (jobIds.length) await this.boss.fail(QUEUE, jobIds);
  }

  /** Jobs waiting for a worker (created or retry). */
  size(): Promise<number> {
    return this.boss.getQueueSize(QUEUE);
  }

  async close(): Promise<void> {
    await this.boss.stop({ graceful: false, wait: true, timeout: 1_000 });
  }
}
