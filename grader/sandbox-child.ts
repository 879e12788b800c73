// The sandbox process: runs learners' submissions in isolated-vm, one at a time, and nothing else.
// The pool (sandbox.server.ts) bundles this file with esbuild and spawns it with `node` directly, with
// an empty environment and Node's permission model (no file reads beyond the bundle and isolated-vm,
// no child processes, no worker threads). Only strings cross the isolate boundary and this process's
// IPC channel (grader/sandbox-protocol.ts, parsed on both sides); every verdict is formed in the parent.
import ivm from "isolated-vm";
import { type ChildOutcome, type FromSandbox, type SandboxRun, toSandboxSchema } from "./sandbox-protocol";

const MEMORY_LIMIT_MB = Number(process.argv[2] ?? 64);

/** Output goes nowhere on the server; the shim only keeps console.log from throwing. */
const CONSOLE_SHIM = "globalThis.console = { log() {}, info() {}, warn() {}, error() {}, debug() {}, table() {}, dir() {} };";

type Kind = "plain" | "tensors";

/**
 * A warm isolate per kind of job, made when the first job of that kind comes. A plain job's context
 * starts from a V8 snapshot that already holds the console shim and the probe (made once per process,
 * from the parent's setup message): a context from it costs about half of a bare context plus the two
 * scripts, and its heap grows more slowly. A tensor job needs tf in the realm before the probe (the
 * probe scopes tf's tensors), so its isolate has no snapshot and runs tf, the probe and the shim in
 * each fresh context, compiled once per isolate.
 */
interface Warm {
  isolate: ivm.Isolate;
  scripts?: { tf: ivm.Script; probeInstall: ivm.Script; consoleShim: ivm.Script };
}

const warm: Partial<Record<Kind, Warm>> = {};
/** Sent once by the parent (grader/setup). */
let setup: { snapshot: ivm.ExternalCopy<ArrayBuffer>; probeInstall: string; tf: string } | undefined;

function warmIsolate(kind: Kind): Warm {
  const current = warm[kind];
  if (current && !current.isolate.isDisposed) return current;
  return (warm[kind] = freshIsolate(kind));
}

/** Drops a kind's isolate (the next job of that kind gets a fresh one). */
function discard(kind: Kind) {
  const previous = warm[kind];
  if (previous && !previous.isolate.isDisposed) previous.isolate.dispose();
  delete warm[kind];
}

function freshIsolate(kind: Kind): Warm {
  discard(kind);
  if (!setup) throw new Error("the probe was not sent to the sandbox");
  if (kind === "plain") return { isolate: new ivm.Isolate({ memoryLimit: MEMORY_LIMIT_MB, snapshot: setup.snapshot }) };
  const isolate = new ivm.Isolate({ memoryLimit: MEMORY_LIMIT_MB });
  return {
    isolate,
    scripts: {
      tf: isolate.compileScriptSync(setup.tf, { filename: "tf.js" }),
      probeInstall: isolate.compileScriptSync(setup.probeInstall),
      consoleShim: isolate.compileScriptSync(CONSOLE_SHIM),
    },
  };
}

type Failure = { kind: "timeout" } | { kind: "memory" } | { kind: "threw"; message: string };

function describe(error: unknown): Failure {
  const message = error instanceof Error ? error.message : String(error);
  if (/timed out/i.test(message)) return { kind: "timeout" };
  if (/memory limit|disposed/i.test(message)) return { kind: "memory" };
  return { kind: "threw", message: message.slice(0, 500) };
}

function failed(failure: Failure, limitMs: number, ms: number): ChildOutcome {
  switch (failure.kind) {
    case "timeout":
      return { outcome: "timeout", limitMs, ms };
    case "memory":
      return { outcome: "memory", ms };
    case "threw":
      return { outcome: "threw", message: failure.message, ms };
    default: {
      const unreachable: never = failure;
      throw new Error(`unknown failure ${JSON.stringify(unreachable)}`);
    }
  }
}

function run(job: SandboxRun): ChildOutcome[] {
  const kind: Kind = job.tensors ? "tensors" : "plain";
  const { isolate, scripts } = warmIsolate(kind);
  const context = isolate.createContextSync();
  const outcomes: ChildOutcome[] = [];
  const started = Date.now();
  try {
    if (scripts) {
      scripts.tf.runSync(context);
      scripts.probeInstall.runSync(context);
      scripts.consoleShim.runSync(context);
    }
    let loadFailure: Failure | undefined;
    try {
      isolate.compileScriptSync(job.js, { filename: "submission.ts" }).runSync(context, { timeout: job.loadTimeMs });
    } catch (error) {
      loadFailure = describe(error);
    }
    for (const probe of job.probes) {
      if (isolate.isDisposed) {
        outcomes.push({ outcome: "memory", ms: 0 });
        continue;
      }
      if (loadFailure) {
        outcomes.push({ outcome: "load-failed", reason: loadFailure.kind, message: loadFailure.kind === "threw" ? loadFailure.message : "" });
        continue;
      }
      const left = job.budgetMs - (Date.now() - started);
      if (left <= 0) {
        outcomes.push({ outcome: "budget" });
        continue;
      }
      const limit = Math.min(probe.timeLimitMs, left);
      // `ms` is the isolate's CPU time, not wall-clock time, so "finishes within a time budget" does not
      // fail a correct submission because the machine is busy grading others.
      const t0 = isolate.cpuTime;
      try {
        context.evalSync(probe.steps.prepare, { timeout: limit });
        const t = isolate.cpuTime;
        context.evalSync(probe.steps.call, { timeout: limit });
        const ms = Number(isolate.cpuTime - t) / 1e6;
        const json: unknown = context.evalSync(probe.steps.collect, { timeout: limit });
        outcomes.push(typeof json === "string" ? { outcome: "value", json, ms } : { outcome: "threw", message: "the probe returned no text", ms });
      } catch (error) {
        const ms = isolate.isDisposed ? 0 : Number(isolate.cpuTime - t0) / 1e6;
        outcomes.push(failed(describe(error), limit, ms));
      }
    }
  } finally {
    if (!isolate.isDisposed) {
      try {
        context.release();
      } catch {
        // already gone with its isolate
      }
      // A submission may leave work behind (FinalizationRegistry, huge heaps): start the next one clean
      // when this one came near the memory limit.
      const heap = isolate.getHeapStatisticsSync();
      if (heap.used_heap_size > (MEMORY_LIMIT_MB * 1024 * 1024) / 2) discard(kind);
    }
  }
  return outcomes;
}

function send(message: FromSandbox) {
  process.send?.(message);
}

process.on("message", (raw: unknown) => {
  const parsed = toSandboxSchema.safeParse(raw);
  if (!parsed.success) {
    // stderr reaches the pool's log: a message it sent that this child cannot read is the pool's bug.
    process.stderr.write(`sandbox child: dropped an invalid message: ${parsed.error.message}\n`);
    return;
  }
  const message = parsed.data;
  switch (message.type) {
    case "grader/setup":
      setup = {
        snapshot: ivm.Isolate.createSnapshot([{ code: CONSOLE_SHIM }, { code: message.probeInstall }]),
        probeInstall: message.probeInstall,
        tf: message.tfScript,
      };
      return;
    case "grader/run": {
      let outcomes: ChildOutcome[];
      try {
        outcomes = run(message);
      } catch (error) {
        discard(message.tensors ? "tensors" : "plain");
        const why = error instanceof Error ? error.message : String(error);
        outcomes = message.probes.map(() => ({ outcome: "sandbox-error", message: why }));
      }
      send({ type: "grader/result", id: message.id, outcomes });
      return;
    }
    default: {
      const unreachable: never = message;
      throw new Error(`unknown message ${JSON.stringify(unreachable)}`);
    }
  }
});

send({ type: "grader/ready" });
