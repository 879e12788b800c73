/**
 * A grader worker (`npm run grader`, Postgres mode): takes jobs from the queue, claims their
 * submissions (a lease), grades them in its own sandbox pool and stores each verdict once.
 * - It keeps `capacity` submissions in flight and refills as each finishes (no batch barrier).
 * - A verdict is stored only under the current lease; a worker that lost its jobs (killed, cut
 *   off, too slow) stores nothing late, and completes only the jobs whose verdict it stored.
 * - A heartbeat row says it is alive, how busy, how many graded (the instructor page shows it).
 * - `stop()` (SIGTERM): no new jobs; waits for those in flight, then hands back what is left.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Job } from "./queue.server";
import type { GradingService } from "./service.server";
import type { PostgresStore } from "./store-postgres.server";
import type { Lease, Verdict } from "./store.server";

const IDLE_POLL_MS = 200;
const ERROR_PAUSE_MS = 1_000;
const HEARTBEAT_MS = 2_000;

interface InFlight {
  job: Job;
  lease: Lease;
}

export class GraderWorker {
  readonly id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  graded = 0;
  private readonly inFlight = new Map<string, InFlight>();
  private finished: { flight: InFlight; verdict: Verdict }[] = [];
  private flushing: Promise<void> | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;
  private heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly service: GradingService,
    private readonly log: (line: string) => void = (line) => console.log(line),
  ) {
    if (service.role !== "worker" || !service.jobs || service.store.kind !== "postgres") throw new Error("a grader worker needs a Postgres service in the worker role");
  }

  private get store(): PostgresStore {
    return this.service.store as PostgresStore;
  }

  start(): void {
    this.heartbeatTimer = setInterval(() => void this.beat(), HEARTBEAT_MS);
    void this.beat();
    this.loop = this.run();
  }

  private async beat(stopped = false) {
    try {
      await this.store.heartbeat({ id: this.id, host: hostname(), pid: process.pid, capacity: this.service.capacity, busy: this.inFlight.size, graded: this.graded, stopped });
    } catch (error) {
      this.log(`[grader ${this.id}] heartbeat failed: ${(error as Error).message}`);
    }
  }

  private async run() {
    const jobs = this.service.jobs!;
    while (!this.stopping) {
      const free = this.service.capacity - this.inFlight.size;
      if (free <= 0) {
        await this.sleep(IDLE_POLL_MS);
        continue;
      }
      let fetched: Job[];
      let leases: Lease[];
      try {
        fetched = await jobs.fetch(free);
        if (fetched.length === 0) {
          await this.sleep(IDLE_POLL_MS);
          continue;
        }
        leases = await this.store.startGrading(fetched.map((job) => job.submissionId), this.id);
      } catch (error) {
        this.log(`[grader ${this.id}] queue unreachable: ${(error as Error).message}`);
        await this.sleep(ERROR_PAUSE_MS);
        continue;
      }
      const byId = new Map(leases.map((lease) => [lease.submission.id, lease]));
      // Jobs for submissions already graded (a retry after their verdict was stored) are done already.
      const done = fetched.filter((job) => !byId.has(job.submissionId)).map((job) => job.jobId);
      if (done.length) void jobs.complete(done).catch(() => undefined);
      for (const job of fetched) {
        const lease = byId.get(job.submissionId);
        if (!lease || this.inFlight.has(lease.submission.id)) continue;
        const flight = { job, lease };
        this.inFlight.set(lease.submission.id, flight);
        void this.service.verdictFor(lease).then((verdict) => this.finish(flight, verdict));
      }
    }
  }

  /** Verdicts finished in the same tick are stored together: one UPDATE, one job completion. */
  private finish(flight: InFlight, verdict: Verdict) {
    this.finished.push({ flight, verdict });
    this.flushing ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.flush());
  }

  private async flush() {
    const batch = this.finished;
    this.finished = [];
    try {
      const stored = new Set(await this.store.finishGrading(batch.map(({ flight, verdict }) => ({ id: flight.lease.submission.id, lease: flight.lease.lease, verdict }))));
      this.graded += stored.size;
      await this.service.jobs!.complete(batch.filter(({ flight }) => stored.has(flight.lease.submission.id)).map(({ flight }) => flight.job.jobId));
    } catch (error) {
      // Unstored verdicts are not lost work to worry about: their jobs expire and another worker grades them.
      this.log(`[grader ${this.id}] could not store ${batch.length} verdict(s): ${(error as Error).message}`);
    } finally {
      for (const { flight } of batch) this.inFlight.delete(flight.lease.submission.id);
      this.flushing = undefined;
      if (this.finished.length) this.flushing = this.flush();
      this.wake?.();
    }
  }

  private sleep(ms: number) {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.wake === done) this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  /** Graceful stop: no new jobs; the jobs in flight finish within `graceMs`, the rest go back to the queue. */
  async stop(graceMs: number): Promise<{ finished: number; returned: number }> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    const holding = this.inFlight.size;
    const deadline = Date.now() + graceMs;
    while (this.inFlight.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    await this.flushing;
    const left = [...this.inFlight.values()];
    if (left.length) {
      await this.store.releaseGrading(left.map((flight) => ({ id: flight.lease.submission.id, lease: flight.lease.lease }))).catch(() => undefined);
      await this.service.jobs!.giveBack(left.map((flight) => flight.job.jobId)).catch(() => undefined);
    }
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.inFlight.clear();
    await this.beat(true);
    return { finished: holding - left.length, returned: left.length };
  }
}
