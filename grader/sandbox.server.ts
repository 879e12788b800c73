/**
 * The server's sandbox: a pool of supervised child processes (sandbox-child.ts), each holding a
 * warm isolated-vm isolate. A submission's code and its tests' probes go in as strings; JSON text
 * comes out, over a validated protocol (sandbox-protocol.ts). A child that does not report ready in
 * time, does not answer in time (the watchdog) or dies is replaced; the job gets a verdict that
 * says which of these happened, and the server keeps serving.
 */
import "server-only";
import { type ChildProcess, fork } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { buildSync, version as esbuildVersion } from "esbuild";
import { type Probe, type ProbeOutcome, type Realm, stopMessages } from "@/engine/grading/harness";
import { probeInstallScript, probeStepScripts } from "@/engine/grading/probe";
import { compileLearnerCode } from "./learner-code.server";
import { type ChildOutcome, fromSandboxSchema, type SandboxRun, type ToSandbox } from "./sandbox-protocol";
import { tfRealmScript } from "./tf-script.server";

export interface SandboxOptions {
  /** Child processes (default: one per core). */
  size?: number;
  /** Heap limit of each isolate, in MB. */
  memoryLimitMb?: number;
  /** How long a new child may take to report ready before it is killed and replaced. */
  readyTimeoutMs?: number;
  /** Called with each child as it is spawned (for tests and monitoring). */
  onSpawn?: (child: ChildProcess) => void;
}

/** Why a child process went away while it held a job (or before it was ready). */
export type Death =
  | { reason: "memory" }
  | { reason: "crash"; detail: string }
  | { reason: "watchdog" }
  | { reason: "ready-timeout" }
  | { reason: "shutdown" };

type JobResult = { outcomes: ChildOutcome[] } | { death: Death };

interface Job {
  run: SandboxRun;
  resolve: (result: JobResult) => void;
}

interface Worker {
  child: ChildProcess;
  ready: boolean;
  job?: Job;
  timer?: ReturnType<typeof setTimeout>;
  /** Set when the pool killed the child, so its exit is reported as that and not as a crash. */
  killedFor?: Death;
  /** The end of the child's stderr: how V8 and isolated-vm say that a process ran out of memory. */
  stderrTail: string;
}

/** Time allowed for the learner's top-level code (definitions) before the tests. */
const LOAD_TIME_MS = 1_000;
/** Slack on top of a job's own budget before the watchdog kills its process. */
const WATCHDOG_GRACE_MS = 3_000;
/** A child starts in well under a second; this allows for a machine busy with other builds. */
export const READY_TIMEOUT_MS = 20_000;
const STDERR_TAIL_CHARS = 4_000;
/** What V8 prints when the process itself runs out of heap (isolated-vm cannot always stop an allocation bomb in time). */
const OUT_OF_MEMORY = /is_heap_oom = 1|heap out of memory|allocation failed - javascript heap/i;

export class SandboxPool {
  private readonly workers: Worker[] = [];
  private readonly queue: Job[] = [];
  private readonly childScript = sandboxChildScript();
  private readonly readyTimeoutMs: number;
  private readonly onSpawn: SandboxOptions["onSpawn"];
  private nextId = 0;
  private closed = false;
  readonly memoryLimitMb: number;
  readonly size: number;
  /** Children killed or lost so far (for tests and monitoring). */
  restarts = 0;

  constructor(options: SandboxOptions = {}) {
    this.memoryLimitMb = options.memoryLimitMb ?? 64;
    this.size = options.size ?? Math.max(1, cpus().length);
    this.readyTimeoutMs = options.readyTimeoutMs ?? READY_TIMEOUT_MS;
    this.onSpawn = options.onSpawn;
    for (let i = 0; i < this.size; i++) this.workers.push(this.spawn());
  }

  /** A realm for one submission: its code runs once (after `tf`, for a tensor exercise), then every probe in the same context. */
  realm(code: string, budgetMs: number, options: { tensors?: boolean } = {}): Realm {
    return { probeAll: (probes) => this.probeAll(code, probes, budgetMs, options.tensors ?? false) };
  }

  async probeAll(code: string, probes: Probe[], budgetMs: number, tensors = false): Promise<ProbeOutcome[]> {
    const compiled = compileLearnerCode(code);
    if (!compiled.ok) return probes.map(() => ({ stopped: "crashed", message: compiled.message, ms: 0 }));
    const result = await new Promise<JobResult>((resolve) => {
      this.queue.push({
        run: {
          type: "grader/run",
          id: ++this.nextId,
          js: compiled.js,
          loadTimeMs: LOAD_TIME_MS,
          budgetMs,
          tensors,
          probes: probes.map((p) => ({ steps: probeStepScripts(p.runSource, p.inputJson), timeLimitMs: p.timeLimitMs })),
        },
        resolve,
      });
      this.pump();
    });
    if ("death" in result) {
      const outcome = this.deathOutcome(result.death, budgetMs);
      return probes.map(() => outcome);
    }
    return result.outcomes.map((outcome) => this.toOutcome(outcome, budgetMs));
  }

  /** Process ids of the children grading right now (for tests and monitoring). */
  busyPids(): number[] {
    return this.workers.flatMap((worker) => (worker.job && worker.child.pid ? [worker.child.pid] : []));
  }

  close(): void {
    this.closed = true;
    for (const worker of this.workers) this.kill(worker, { reason: "shutdown" });
    for (const job of this.queue.splice(0)) job.resolve({ death: { reason: "shutdown" } });
  }

  /** What the learner reads for one probe's outcome. */
  private toOutcome(outcome: ChildOutcome, budgetMs: number): ProbeOutcome {
    switch (outcome.outcome) {
      case "value":
        return { json: outcome.json, ms: outcome.ms };
      case "timeout":
        return { stopped: "timeout", message: stopMessages.timeout(outcome.limitMs), ms: outcome.ms };
      case "memory":
        return { stopped: "crashed", message: `Your code used more than the ${this.memoryLimitMb} MB memory limit and was stopped.`, ms: outcome.ms };
      case "threw":
        return { stopped: "crashed", message: `Your code threw an error that escaped the test: ${outcome.message}`, ms: outcome.ms };
      case "budget":
        return { stopped: "budget", message: stopMessages.budget(budgetMs), ms: 0 };
      case "load-failed":
        return { stopped: "crashed", message: this.loadFailureMessage(outcome.reason, outcome.message), ms: 0 };
      case "sandbox-error":
        return { stopped: "crashed", message: stopMessages.crashed(outcome.message), ms: 0 };
      default: {
        const unreachable: never = outcome;
        throw new Error(`unknown sandbox outcome ${JSON.stringify(unreachable)}`);
      }
    }
  }

  private loadFailureMessage(reason: "timeout" | "memory" | "threw", message: string): string {
    switch (reason) {
      case "timeout":
        return `Your code's top level did not finish within ${LOAD_TIME_MS} ms, so no test ran (is there a loop that never ends outside a function?)`;
      case "memory":
        return `Your code used more than the ${this.memoryLimitMb} MB memory limit before any test ran.`;
      case "threw":
        return `Your code failed before any test ran: ${message}`;
      default: {
        const unreachable: never = reason;
        throw new Error(`unknown load failure ${String(unreachable)}`);
      }
    }
  }

  /** What the learner reads when the process grading their code went away. */
  private deathOutcome(death: Death, budgetMs: number): ProbeOutcome {
    switch (death.reason) {
      case "watchdog":
        return { stopped: "timeout", message: `Your code did not stop when its time was up, so its sandbox was shut down after ${Math.round((budgetMs + LOAD_TIME_MS + WATCHDOG_GRACE_MS) / 1000)} s.`, ms: 0 };
      case "memory":
        return { stopped: "crashed", message: `Your code used more than the ${this.memoryLimitMb} MB memory limit and was stopped.`, ms: 0 };
      case "crash":
        return { stopped: "crashed", message: stopMessages.crashed(death.detail), ms: 0 };
      case "ready-timeout":
        // Jobs go only to ready children, so this reaches no learner; kept for exhaustiveness.
        return { stopped: "crashed", message: stopMessages.crashed("its process did not start"), ms: 0 };
      case "shutdown":
        return { stopped: "crashed", message: "the grader shut down", ms: 0 };
      default: {
        const unreachable: never = death;
        throw new Error(`unknown sandbox death ${JSON.stringify(unreachable)}`);
      }
    }
  }

  private spawn(): Worker {
    const child = fork(this.childScript, [String(this.memoryLimitMb)], {
      // No secrets: the sandbox process gets an empty environment.
      env: { NODE_ENV: "production" },
      execArgv: [
        "--no-warnings",
        "--experimental-permission",
        `--allow-fs-read=${this.childScript}`,
        `--allow-fs-read=${ISOLATED_VM_DIR}/`,
        "--allow-addons",
        `--max-old-space-size=${Math.max(128, this.memoryLimitMb * 4)}`,
      ],
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      serialization: "json",
    });
    const worker: Worker = { child, ready: false, stderrTail: "" };
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (text: string) => {
      worker.stderrTail = (worker.stderrTail + text).slice(-STDERR_TAIL_CHARS);
    });
    child.on("message", (message: unknown) => this.receive(worker, message));
    // "close", not "exit": by then stderr is read to its end, where an out-of-memory abort says so.
    child.on("close", (code, signal) => this.lost(worker, this.causeOfDeath(worker, code, signal)));
    child.on("error", (error) => this.lost(worker, worker.killedFor ?? { reason: "crash", detail: `its process failed: ${error.message}` }));
    worker.timer = setTimeout(() => {
      console.error(`sandbox: a child did not report ready within ${this.readyTimeoutMs} ms; starting another`);
      this.kill(worker, { reason: "ready-timeout" });
    }, this.readyTimeoutMs);
    this.send(worker, { type: "grader/setup", probeInstall: probeInstallScript(), tfScript: tfRealmScript() });
    this.onSpawn?.(child);
    return worker;
  }

  private causeOfDeath(worker: Worker, code: number | null, signal: NodeJS.Signals | null): Death {
    if (worker.killedFor) return worker.killedFor;
    if (OUT_OF_MEMORY.test(worker.stderrTail)) return { reason: "memory" };
    return { reason: "crash", detail: signal ? `its process was killed by ${signal}` : `its process exited with code ${code ?? "unknown"}` };
  }

  private send(worker: Worker, message: ToSandbox) {
    worker.child.send(message);
  }

  private receive(worker: Worker, raw: unknown) {
    const parsed = fromSandboxSchema.safeParse(raw);
    if (!parsed.success) {
      console.error(`sandbox: a child sent a message the pool cannot read: ${parsed.error.message}`);
      this.kill(worker, { reason: "crash", detail: "its process sent a message the grader could not read" });
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case "grader/ready":
        if (worker.timer) clearTimeout(worker.timer);
        worker.timer = undefined;
        worker.ready = true;
        this.pump();
        return;
      case "grader/result": {
        const job = worker.job;
        if (!job || job.run.id !== message.id) return;
        if (message.outcomes.length !== job.run.probes.length) {
          this.kill(worker, { reason: "crash", detail: "its process answered for the wrong number of tests" });
          return;
        }
        if (worker.timer) clearTimeout(worker.timer);
        worker.job = undefined;
        worker.timer = undefined;
        job.resolve({ outcomes: message.outcomes });
        this.pump();
        return;
      }
      default: {
        const unreachable: never = message;
        throw new Error(`unknown sandbox message ${JSON.stringify(unreachable)}`);
      }
    }
  }

  /** SIGKILL a child for a reason the pool knows; its exit then reports that reason. */
  private kill(worker: Worker, why: Death) {
    worker.killedFor ??= why;
    worker.child.kill("SIGKILL");
  }

  /** The child died or was killed: its job gets a verdict, and a fresh child takes its place. */
  private lost(worker: Worker, death: Death) {
    const index = this.workers.indexOf(worker);
    if (index === -1) return;
    const job = worker.job;
    if (worker.timer) clearTimeout(worker.timer);
    worker.job = undefined;
    worker.timer = undefined;
    job?.resolve({ death });
    if (this.closed) return;
    this.restarts++;
    this.workers[index] = this.spawn();
  }

  private pump() {
    for (const worker of this.workers) {
      if (!worker.ready || worker.job) continue;
      const job = this.queue.shift();
      if (!job) return;
      worker.job = job;
      worker.timer = setTimeout(() => {
        // The isolate's own timeouts did not stop it (a looping getter, a native call): kill the process.
        if (worker.job === job) this.kill(worker, { reason: "watchdog" });
      }, job.run.budgetMs + LOAD_TIME_MS + WATCHDOG_GRACE_MS);
      this.send(worker, job.run);
    }
  }
}

const ISOLATED_VM_DIR = join(/*turbopackIgnore: true*/ process.cwd(), "node_modules", "isolated-vm");

/**
 * sandbox-child.ts and its protocol bundled into one ESM file (isolated-vm stays outside: a native
 * addon), written to node_modules/.cache, where Node finds isolated-vm beside it. Built on demand,
 * like tf-script.server.ts, so the grader, check:content and the tests need no build step; named by
 * a hash of what goes into it, so a process starting later reuses it without building again. The
 * permission model lets the child read only this file and isolated-vm.
 */
function sandboxChildScript(): string {
  const cwd = /*turbopackIgnore: true*/ process.cwd();
  const entry = join(cwd, "grader", "sandbox-child.ts");
  const hash = createHash("sha256").update(esbuildVersion);
  for (const file of [entry, join(cwd, "grader", "sandbox-protocol.ts"), join(cwd, "node_modules", "zod", "package.json")]) hash.update(readFileSync(file));
  const dir = join(cwd, "node_modules", ".cache", "descent");
  const file = join(dir, `sandbox-child-${hash.digest("hex").slice(0, 16)}.mjs`);
  if (existsSync(file)) return file;
  const result = buildSync({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: "esm",
    platform: "node",
    target: "node20",
    external: ["isolated-vm"],
    logLevel: "silent",
    absWorkingDir: cwd,
  });
  mkdirSync(dir, { recursive: true });
  // Written aside and renamed, so a second process starting at the same time never runs half a file.
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, result.outputFiles[0]?.text ?? "");
  renameSync(partial, file);
  return file;
}
