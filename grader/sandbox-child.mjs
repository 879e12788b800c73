// The sandbox process: runs learners' submissions in isolated-vm, one at a time, and nothing else.
// Plain JavaScript on purpose: the parent (sandbox.server.ts) spawns it with `node` directly, with an
// empty environment and Node's permission model (no file reads beyond this file and isolated-vm,
// no child processes, no worker threads). Only strings cross the isolate boundary and this
// process's IPC channel; every verdict is formed in the parent.
import ivm from "isolated-vm";

const MEMORY_LIMIT_MB = Number(process.argv[2] ?? 64);
let isolate;
let probeInstall;
let consoleShim;
/** TensorFlow.js as a script (sent once by the parent), compiled once per isolate. */
let tfSource;
let tfScript;

function freshIsolate() {
  if (isolate && !isolate.isDisposed) isolate.dispose();
  isolate = new ivm.Isolate({ memoryLimit: MEMORY_LIMIT_MB });
  probeInstall = undefined;
  tfScript = undefined;
  consoleShim = isolate.compileScriptSync(
    // Output goes nowhere on the server; the shim only keeps console.log from throwing.
    "globalThis.console = { log() {}, info() {}, warn() {}, error() {}, debug() {}, table() {}, dir() {} };",
  );
}

function describe(error) {
  const message = error && typeof error.message === "string" ? error.message : String(error);
  if (/timed out/i.test(message)) return { stopped: "timeout", message };
  if (/memory limit|disposed/i.test(message)) return { stopped: "crashed", message: "memory" };
  return { stopped: "threw", message: message.slice(0, 500) };
}

function run(job) {
  if (!isolate || isolate.isDisposed) freshIsolate();
  probeInstall ??= isolate.compileScriptSync(job.probeInstall);
  const context = isolate.createContextSync();
  const outcomes = [];
  const started = Date.now();
  try {
    if (job.tensors) {
      if (!tfSource) throw new Error("TensorFlow.js was not sent to the sandbox");
      tfScript ??= isolate.compileScriptSync(tfSource, { filename: "tf.js" });
      tfScript.runSync(context);
    }
    probeInstall.runSync(context);
    consoleShim.runSync(context);
    let loadFailure;
    try {
      isolate.compileScriptSync(job.js, { filename: "submission.ts" }).runSync(context, { timeout: job.loadTimeMs });
    } catch (error) {
      loadFailure = describe(error);
    }
    for (const probe of job.probes) {
      if (isolate.isDisposed) {
        outcomes.push({ stopped: "crashed", message: "memory", ms: 0 });
        continue;
      }
      if (loadFailure) {
        outcomes.push({ stopped: "load", message: loadFailure.stopped === "threw" ? loadFailure.message : loadFailure.stopped, ms: 0 });
        continue;
      }
      const left = job.budgetMs - (Date.now() - started);
      if (left <= 0) {
        outcomes.push({ stopped: "budget", message: "", ms: 0 });
        continue;
      }
      const limit = Math.min(probe.timeLimitMs, left);
      // `ms` is the isolate's CPU time, not wall-clock time, so "finishes within a time budget" does not
      // fail a correct submission because the machine is busy grading others.
      const t0 = isolate.cpuTime;
      let t1 = t0;
      try {
        context.evalSync(probe.steps.prepare, { timeout: limit });
        const t = isolate.cpuTime;
        context.evalSync(probe.steps.call, { timeout: limit });
        t1 = isolate.cpuTime;
        const ms = Number(t1 - t) / 1e6;
        const json = context.evalSync(probe.steps.collect, { timeout: limit });
        outcomes.push(typeof json === "string" ? { json, ms } : { stopped: "threw", message: "the probe returned no text", ms });
      } catch (error) {
        const ms = isolate.isDisposed ? 0 : Number(isolate.cpuTime - t0) / 1e6;
        const described = describe(error);
        outcomes.push({ ...described, limit, ms });
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
      if (heap.used_heap_size > (MEMORY_LIMIT_MB * 1024 * 1024) / 2) freshIsolate();
    } else {
      freshIsolate();
    }
  }
  return outcomes;
}

process.on("message", (message) => {
  if (message && message.type === "grader/setup") {
    tfSource = message.tfScript;
    return;
  }
  if (!message || message.type !== "grader/run") return;
  let outcomes;
  try {
    outcomes = run(message);
  } catch (error) {
    freshIsolate();
    outcomes = message.probes.map(() => ({ stopped: "crashed", message: String(error && error.message), ms: 0 }));
  }
  process.send({ type: "grader/result", id: message.id, outcomes });
});

freshIsolate();
process.send({ type: "grader/ready" });
