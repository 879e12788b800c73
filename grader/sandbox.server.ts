/**
 * The server's sandbox: a pool of supervised child processes (sandbox-child.mjs), each holding a
 * warm isolated-vm isolate. A submission's code and its tests' probes go in as strings; JSON text
 * comes out. A watchdog SIGKILLs a child that does not answer in time, and a child that dies
 * (memory, crash) is replaced; the job gets a verdict either way, and the server keeps serving.
 */
import { type ChildProcess, fork } from "node:child_process";
import { cpus } from "node:os";
import { join } from "node:path";
import { type Probe, type ProbeOutcome, type Realm, stopMessages } from "@/engine/grading/harness";
import { probeInstallScript, probeStepScripts } from "@/engine/grading/probe";
import { compileLearnerCode } from "./learner-code.server";
import { tfRealmScript } from "./tf-script.server";

export interface SandboxOptions {
  /** Child processes (default: one per core). */
  size?: number;
  /** Heap limit of each isolate, in MB. */
  memoryLimitMb?: number;
}

interface ChildOutcome {
  json?: string;
  stopped?: "timeout" | "crashed" | "budget" | "threw" | "load";
  message?: string;
  limit?: number;
  ms: number;
}

interface Job {
  id: number;
  js: string;
  probes: { steps: { prepare: string; call: string; collect: string }; timeLimitMs: number }[];
  budgetMs: number;
  /** The submission's realm gets `tf` (a tensor exercise). */
  tensors: boolean;
  resolve: (outcomes: ChildOutcome[]) => void;
}

interface Worker {
  child: ChildProcess;
  ready: boolean;
  job?: Job;
  watchdog?: ReturnType<typeof setTimeout>;
}

const CHILD = join(/*turbopackIgnore: true*/ process.cwd(), "grader", "sandbox-child.mjs");
/** Time allowed for the learner's top-level code (definitions) before the tests. */
const LOAD_TIME_MS = 1_000;
/** Slack on top of a job's own budget before the watchdog kills its process. */
const WATCHDOG_GRACE_MS = 3_000;

export class SandboxPool {
  private readonly workers: Worker[] = [];
  private readonly queue: Job[] = [];
  private nextId = 0;
  private closed = false;
  readonly memoryLimitMb: number;
  readonly size: number;
  /** Children killed or lost so far (for tests and monitoring). */
  restarts = 0;

  constructor(options: SandboxOptions = {}) {
    this.memoryLimitMb = options.memoryLimitMb ?? 64;
    this.size = options.size ?? Math.max(1, cpus().length);
    for (let i = 0; i < this.size; i++) this.workers.push(this.spawn());
  }

  /** A realm for one submission: its code runs once (after `tf`, for a tensor exercise), then every probe in the same context. */
  realm(code: string, budgetMs: number, options: { tensors?: boolean } = {}): Realm {
    return { probeAll: (probes) => this.probeAll(code, probes, budgetMs, options.tensors ?? false) };
  }

  async probeAll(code: string, probes: Probe[], budgetMs: number, tensors = false): Promise<ProbeOutcome[]> {
    const compiled = compileLearnerCode(code);
    if (!compiled.ok) return probes.map(() => ({ stopped: "crashed", message: compiled.message, ms: 0 }));
    const outcomes = await new Promise<ChildOutcome[]>((resolve) => {
      this.queue.push({
        id: ++this.nextId,
        js: compiled.js,
        probes: probes.map((p) => ({ steps: probeStepScripts(p.runSource, p.inputJson), timeLimitMs: p.timeLimitMs })),
        budgetMs,
        tensors,
        resolve,
      });
      this.pump();
    });
    return outcomes.map((outcome, i) => this.toOutcome(outcome, probes[i]?.timeLimitMs ?? 0, budgetMs));
  }

  /** Process ids of the children grading right now (for tests and monitoring). */
  busyPids(): number[] {
    return this.workers.flatMap((worker) => (worker.job && worker.child.pid ? [worker.child.pid] : []));
  }

  close(): void {
    this.closed = true;
    for (const worker of this.workers) {
      if (worker.watchdog) clearTimeout(worker.watchdog);
      worker.child.kill("SIGKILL");
    }
    for (const job of this.queue.splice(0)) job.resolve(job.probes.map(() => ({ stopped: "crashed", message: "the grader shut down", ms: 0 })));
  }

  private toOutcome(outcome: ChildOutcome, limitMs: number, budgetMs: number): ProbeOutcome {
    if (outcome.json !== undefined) return { json: outcome.json, ms: outcome.ms };
    switch (outcome.stopped) {
      case "timeout":
        return { stopped: "timeout", message: stopMessages.timeout(outcome.limit ?? limitMs), ms: outcome.ms };
      case "budget":
        return { stopped: "budget", message: stopMessages.budget(budgetMs), ms: 0 };
      case "load":
        return {
          stopped: "crashed",
          message: outcome.message === "timeout"
            ? `Your code's top level did not finish within ${LOAD_TIME_MS} ms, so no test ran (is there a loop that never ends outside a function?)`
            : outcome.message === "memory"
              ? `Your code used more than the ${this.memoryLimitMb} MB memory limit before any test ran.`
              : `Your code failed before any test ran: ${outcome.message ?? "unknown error"}`,
          ms: 0,
        };
      case "threw":
        return { stopped: "crashed", message: `Your code threw an error that escaped the test: ${outcome.message ?? "unknown error"}`, ms: outcome.ms };
      default:
        if (outcome.message === "watchdog") {
          return { stopped: "timeout", message: `Your code did not stop when its time was up, so its sandbox was shut down after ${Math.round((budgetMs + LOAD_TIME_MS + WATCHDOG_GRACE_MS) / 1000)} s.`, ms: 0 };
        }
        if (outcome.message === "memory") {
          return { stopped: "crashed", message: `Your code used more than the ${this.memoryLimitMb} MB memory limit and was stopped.`, ms: outcome.ms };
        }
        return { stopped: "crashed", message: stopMessages.crashed(outcome.message ?? "unknown"), ms: outcome.ms };
    }
  }

  private spawn(): Worker {
    const child = fork(CHILD, [String(this.memoryLimitMb)], {
      // No secrets: the sandbox process gets an empty environment.
      env: { NODE_ENV: "production" },
      execArgv: [
        "--no-warnings",
        "--experimental-permission",
        `--allow-fs-read=${CHILD}`,
        `--allow-fs-read=${join(/*turbopackIgnore: true*/ process.cwd(), "node_modules", "isolated-vm")}/`,
        "--allow-addons",
        `--max-old-space-size=${Math.max(128, this.memoryLimitMb * 4)}`,
      ],
      stdio: ["ignore", "ignore", "ignore", "ipc"],
      serialization: "json",
    });
    child.send({ type: "grader/setup", tfScript: tfRealmScript() });
    const worker: Worker = { child, ready: false };
    child.on("message", (message: unknown) => this.receive(worker, message));
    child.on("exit", () => this.lost(worker, "its process exited"));
    child.on("error", () => this.lost(worker, "its process failed"));
    return worker;
  }

  private receive(worker: Worker, message: unknown) {
    if (typeof message !== "object" || message === null) return;
    const { type } = message as { type?: unknown };
    if (type === "grader/ready") {
      worker.ready = true;
      this.pump();
      return;
    }
    if (type !== "grader/result") return;
    const { id, outcomes } = message as { id?: unknown; outcomes?: unknown };
    const job = worker.job;
    if (!job || job.id !== id || !Array.isArray(outcomes)) return;
    this.finish(worker, outcomes as ChildOutcome[]);
  }

  private finish(worker: Worker, outcomes: ChildOutcome[]) {
    const job = worker.job;
    if (worker.watchdog) clearTimeout(worker.watchdog);
    worker.job = undefined;
    worker.watchdog = undefined;
    job?.resolve(outcomes);
    this.pump();
  }

  /** The child died or was killed: its job gets a verdict, and a fresh child takes its place. */
  private lost(worker: Worker, why: string) {
    const index = this.workers.indexOf(worker);
    if (index === -1) return;
    const job = worker.job;
    if (worker.watchdog) clearTimeout(worker.watchdog);
    worker.job = undefined;
    if (this.closed) return;
    this.restarts++;
    this.workers[index] = this.spawn();
    job?.resolve(job.probes.map(() => ({ stopped: "crashed", message: why === "watchdog" ? "watchdog" : "memory", ms: 0 })));
  }

  private pump() {
    for (const worker of this.workers) {
      if (!worker.ready || worker.job) continue;
      const job = this.queue.shift();
      if (!job) return;
      worker.job = job;
      worker.watchdog = setTimeout(() => {
        // The isolate's own timeouts did not stop it (a looping getter, a native call): kill the process.
        if (worker.job !== job) return;
        worker.child.kill("SIGKILL");
        this.lost(worker, "watchdog");
      }, job.budgetMs + LOAD_TIME_MS + WATCHDOG_GRACE_MS);
      worker.child.send({
        type: "grader/run",
        id: job.id,
        probeInstall: probeInstallScript(),
        js: job.js,
        loadTimeMs: LOAD_TIME_MS,
        budgetMs: job.budgetMs,
        tensors: job.tensors,
        probes: job.probes,
      });
    }
  }
}
