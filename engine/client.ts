/**
 * The page's side of the kernel: starts the worker, queues cells, routes their output, and
 * interrupts or restarts. Framework-free, so any view (React today) can sit on top of it.
 */
import * as z from "zod/mini";
import { BACKEND_CACHE_KEY } from "./backend-names";
import {
  type BackendName,
  type BackendPreference,
  backendNameSchema,
  type CellError,
  type CellOutput,
  type FromKernel,
  fromKernelSchema,
  type Grade,
  type GraderCheck,
  kernelInitSchema,
  type ProbeResult,
  probeResultSchema,
  type ToKernel,
} from "./protocol";

export type KernelStatus = "starting" | "idle" | "busy" | "restarting" | "dead";

export interface KernelState {
  status: KernelStatus;
  /** The tensor backend, once the kernel is ready. */
  backend?: string;
  /** Something the learner should know, such as "the kernel restarted and its variables were lost". */
  notice?: string;
}

export type ExecuteOutcome =
  | { status: "ok"; executionCount: number }
  | { status: "error"; executionCount?: number; error: CellError }
  | { status: "aborted"; reason: string };

export interface KernelClientOptions {
  /** URL of the worker script. */
  url: string;
  /** How long the worker may take to start before the kernel is reported dead. */
  startTimeoutMs?: number;
  /** How long a cell may ignore an interrupt before the worker is terminated. */
  interruptGraceMs?: number;
  /** A pinned tensor backend, or "auto" (the default) to use the fastest one this browser has. */
  backend?: BackendPreference;
  /** A worker the page already started, perhaps already running cells: the client takes it over. */
  adopt?: AdoptedKernel;
  /** Where the lesson's cells compiled at build time are (engine/compiler.ts compiledCellsUrl). */
  compiledCells?: string;
}

/**
 * A kernel worker started before the client existed (by the lesson page's inline script), with what
 * was done with it: the kernel/init it was sent, if any (then the client sends none, and adopts it only
 * when it asked for the same backend), the cells sent to it or waiting (one at a time, in order: only
 * the last one sent can still be running), and every message it sent back, replayed through the same
 * checks as live ones. Each run's outputs wait for its cell to claim it (`execute` with its id).
 */
export interface AdoptedKernel {
  worker: Worker;
  init?: unknown;
  runs: { id: string; cellName: string; code: string; posted: boolean }[];
  messages: unknown[];
}

const cachedProbeSchema = z.object({
  chosen: backendNameSchema,
  /** A probe is only good for the browser that ran it. */
  userAgent: z.string(),
  probe: z.optional(probeResultSchema),
});
type CachedProbe = z.infer<typeof cachedProbeSchema>;

function readCachedBackend(): BackendName | undefined {
  try {
    const cached = cachedProbeSchema.safeParse(JSON.parse(globalThis.localStorage?.getItem(BACKEND_CACHE_KEY) ?? "null"));
    return cached.success && cached.data.userAgent === globalThis.navigator?.userAgent ? cached.data.chosen : undefined;
  } catch {
    return undefined;
  }
}

function writeCachedBackend(probe: ProbeResult) {
  try {
    const entry: CachedProbe = { chosen: probe.chosen, userAgent: globalThis.navigator?.userAgent ?? "", probe };
    globalThis.localStorage?.setItem(BACKEND_CACHE_KEY, JSON.stringify(entry));
  } catch {
    // Storage may be full or disabled; the next visit probes again.
  }
}

/** What **Check** gives back: a grade, or why the code could not be graded. */
export type CheckOutcome = { status: "graded"; grade: Grade } | { status: "error"; error: CellError } | { status: "aborted"; reason: string };

/** What every job can end with, whatever it asked: stopped before it ran, or an error from the client. */
type Ending = { status: "aborted"; reason: string } | { status: "error"; error: CellError };

type Job = { id: string; onOutput: (output: CellOutput) => void } & (
  | { kind: "execute"; cellName: string; code: string; resolve: (outcome: ExecuteOutcome) => void; posted?: boolean }
  | { kind: "check"; request: Omit<GraderCheck, "type" | "id">; resolve: (outcome: CheckOutcome) => void }
);

/** A run of an adopted kernel waiting for its cell: its output and outcome so far. */
type Unclaimed = { job: Job & { kind: "execute" }; outputs: CellOutput[]; outcome?: ExecuteOutcome };

let nextId = 0;
/** How many past runs can still receive output from their timers. */
const MAX_FINISHED = 200;

/** Where the kernel worker's script is served (built by scripts/build-engine.mjs). */
export const KERNEL_URL = "/engine/kernel.js";

export class KernelClient {
  private worker: Worker | undefined;
  private generation = 0;
  private interruptFlag: Int32Array | undefined;
  private queue: Job[] = [];
  private running: Job | undefined;
  /** Jobs that ran, newest last: output from their timers and callbacks still lands under their cell. */
  private readonly finished = new Map<string, Job>();
  private state: KernelState = { status: "starting" };
  private readonly listeners = new Set<(state: KernelState) => void>();
  private startTimer: ReturnType<typeof setTimeout> | undefined;
  private interruptTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly startTimeoutMs: number;
  private readonly interruptGraceMs: number;
  /** Runs of an adopted kernel that no cell has claimed yet, with what they gave so far. */
  private readonly unclaimed = new Map<string, Unclaimed>();

  constructor(private readonly options: KernelClientOptions) {
    this.startTimeoutMs = options.startTimeoutMs ?? 30_000;
    this.interruptGraceMs = options.interruptGraceMs ?? 1_000;
    this.start("starting", undefined, options.adopt);
  }

  get current(): KernelState {
    return this.state;
  }

  subscribe(listener: (state: KernelState) => void): () => void {
    this.listeners.add(listener);
    listener(this.state);
    return () => this.listeners.delete(listener);
  }

  /**
   * Queues a cell; resolves exactly once, with its outcome. With `adopted`, the id of a run the adopted
   * kernel already has, the cell takes that run over instead: what it gave so far is handed to
   * `onOutput` at once, the rest as it comes.
   */
  execute(cellName: string, code: string, onOutput: (output: CellOutput) => void, adopted?: string): Promise<ExecuteOutcome> {
    const early = adopted === undefined ? undefined : this.unclaimed.get(adopted);
    if (early) {
      this.unclaimed.delete(early.job.id);
      for (const output of early.outputs) onOutput(output);
      early.job.onOutput = onOutput;
      const { outcome } = early;
      return outcome ? Promise.resolve(outcome) : new Promise((resolve) => (early.job.resolve = resolve));
    }
    return new Promise((resolve) => {
      this.queue.push({ kind: "execute", id: `run-${++nextId}`, cellName, code, onOutput, resolve });
      this.pump();
    });
  }

  /** Queues a **Check** of exercise code against its visible tests; resolves exactly once. */
  check(request: Omit<GraderCheck, "type" | "id">, onOutput: (output: CellOutput) => void): Promise<CheckOutcome> {
    return new Promise((resolve) => {
      this.queue.push({ kind: "check", id: `check-${++nextId}`, request, onOutput, resolve });
      this.pump();
    });
  }

  /**
   * Cancels queued cells, asks the running one to stop and stops the timers and callbacks cells
   * left behind; terminates the worker if the running cell will not stop.
   */
  interrupt(): void {
    this.abortQueued("Not run: the kernel was interrupted.");
    // Also when no cell runs: a timer's callback may be looping, and it sees the flag too.
    if (this.interruptFlag) Atomics.store(this.interruptFlag, 0, 1);
    this.post({ type: "kernel/interrupt" });
    const job = this.running;
    if (!job) return;
    clearTimeout(this.interruptTimer);
    this.interruptTimer = setTimeout(() => {
      if (this.running !== job) return;
      this.finish(job, {
        status: "error",
        error: {
          name: "KernelRestarted",
          message: `The cell did not stop within ${this.interruptGraceMs / 1000} s, so the kernel was restarted. Variables from earlier cells are gone: run those cells again.`,
        },
      });
      this.start("restarting", "The kernel was restarted to stop a cell; its variables were lost.");
    }, this.interruptGraceMs);
  }

  /** Stops everything and starts a fresh kernel; resolves when it is ready. */
  restart(): Promise<void> {
    this.abortQueued("Not run: the kernel was restarted.");
    if (this.running) this.finish(this.running, { status: "aborted", reason: "Stopped: the kernel was restarted." });
    this.start("restarting", "The kernel was restarted; its variables were cleared.");
    return this.whenIdle();
  }

  dispose(): void {
    this.abortQueued("Not run: the page was closed.");
    if (this.running) this.finish(this.running, { status: "aborted", reason: "Stopped: the page was closed." });
    this.stopWorker();
    this.setState({ status: "dead" });
    this.listeners.clear();
  }

  private whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      const unsubscribe = this.subscribe((state) => {
        if (state.status === "idle" || state.status === "dead") {
          queueMicrotask(() => unsubscribe());
          resolve();
        }
      });
    });
  }

  private start(status: "starting" | "restarting", notice?: string, adopt?: AdoptedKernel) {
    this.stopWorker();
    const generation = ++this.generation;
    this.setState({ status, ...(notice ? { notice } : {}) });
    const backend = this.options.backend ?? "auto";
    const init = adopt?.init === undefined ? undefined : kernelInitSchema.safeParse(adopt.init);
    // A worker started for another backend than this client wants is of no use: start afresh.
    const adopted = adopt && (!init || (init.success && (init.data.backend ?? "auto") === backend)) ? adopt : undefined;
    if (adopt && !adopted) adopt.worker.terminate();
    const worker = adopted?.worker ?? new Worker(this.options.url, { name: "descent-kernel" });
    this.worker = worker;
    const onMessage = (data: unknown) => {
      const parsed = fromKernelSchema.safeParse(data);
      if (!parsed.success) {
        console.warn("kernel: dropped a malformed message", parsed.error.issues);
        return;
      }
      this.receive(parsed.data);
    };
    worker.addEventListener("message", (event: MessageEvent) => {
      // Late messages from a worker we already replaced are dropped.
      if (generation !== this.generation || event.target !== this.worker) return;
      onMessage(event.data);
    });
    worker.addEventListener("error", (event) => {
      if (generation !== this.generation) return;
      event.preventDefault();
      if (this.state.status === "starting" || this.state.status === "restarting") {
        this.fail(`The kernel could not start (${event.message || "worker error"}). Try Restart kernel.`);
      }
    });
    if (adopted && init?.success) {
      this.interruptFlag = init.data.interruptBuffer ? new Int32Array(init.data.interruptBuffer) : undefined;
    } else {
      const isolated = typeof SharedArrayBuffer !== "undefined" && globalThis.crossOriginIsolated === true;
      const buffer = isolated ? new SharedArrayBuffer(4) : undefined;
      this.interruptFlag = buffer ? new Int32Array(buffer) : undefined;
      const cachedBackend = backend === "auto" ? readCachedBackend() : undefined;
      this.post({
        type: "kernel/init",
        backend,
        ...(cachedBackend ? { cachedBackend } : {}),
        ...(buffer ? { interruptBuffer: buffer } : {}),
        ...(this.options.compiledCells ? { compiledCells: this.options.compiledCells } : {}),
      });
    }
    this.startTimer = setTimeout(() => {
      if (generation === this.generation && this.state.status !== "idle" && this.state.status !== "busy") {
        this.fail(`The kernel did not start within ${this.startTimeoutMs / 1000} s. Try Restart kernel.`);
      }
    }, this.startTimeoutMs);
    if (adopted) this.adoptRuns(adopted, onMessage);
  }

  /** The adopted kernel's runs join the queue first, as they were asked for first; then its messages replay. */
  private adoptRuns({ runs, messages }: AdoptedKernel, onMessage: (data: unknown) => void) {
    const jobs = runs.map(({ id, cellName, code, posted }) => {
      const entry: Unclaimed = {
        job: {
          kind: "execute",
          id,
          cellName,
          code,
          posted,
          onOutput: (output: CellOutput) => entry.outputs.push(output),
          resolve: (outcome: ExecuteOutcome) => (entry.outcome = outcome),
        },
        outputs: [],
      };
      this.unclaimed.set(id, entry);
      return entry.job;
    });
    this.queue.unshift(...jobs);
    for (const message of messages) onMessage(message);
    this.pump();
  }

  private fail(notice: string) {
    this.stopWorker();
    this.abortQueued(notice);
    this.setState({ status: "dead", notice });
  }

  private stopWorker() {
    clearTimeout(this.startTimer);
    clearTimeout(this.interruptTimer);
    this.worker?.terminate();
    this.worker = undefined;
  }

  private receive(message: FromKernel) {
    switch (message.type) {
      case "kernel/ready":
        clearTimeout(this.startTimer);
        this.setState({ ...this.state, status: "idle", backend: message.backend });
        this.pump();
        return;
      case "kernel/fatal":
        this.fail(`The kernel could not start (${message.message}). Try Restart kernel.`);
        return;
      case "kernel/backend":
        if (message.probe) writeCachedBackend(message.probe);
        this.setState({
          ...this.state,
          backend: message.backend,
          ...(message.problem ? { notice: message.problem } : {}),
        });
        return;
      case "kernel/stream":
        this.outputFor(message.id)?.({ kind: "stream", name: message.name, text: message.text });
        return;
      case "kernel/display":
        this.outputFor(message.id)?.({
          kind: "display",
          data: message.data,
          ...(message.displayId ? { displayId: message.displayId } : {}),
        });
        return;
      case "kernel/update-display":
        this.outputFor(message.id)?.({ kind: "update", data: message.data, displayId: message.displayId });
        return;
      case "grader/result": {
        const job = this.running;
        if (!job || job.id !== message.id || job.kind !== "check") return;
        this.settle(job);
        job.resolve(message.status === "graded" ? { status: "graded", grade: message.grade } : { status: "error", error: message.error });
        this.pump();
        return;
      }
      case "kernel/execute-reply": {
        const job = this.running;
        if (!job || job.id !== message.id || job.kind !== "execute") return;
        this.settle(job);
        // Resolved before the result is handed over, which still comes first for whoever awaits the
        // outcome (that waits for a microtask): a page then shows the result and the count together.
        job.resolve(message.status === "ok" ? { status: "ok", executionCount: message.executionCount } : { status: "error", executionCount: message.executionCount, error: message.error });
        if (message.status === "ok" && message.result) job.onOutput({ kind: "result", data: message.result });
        this.pump();
        return;
      }
      default:
        // A message added to the protocol fails the type check here until the page handles it.
        message satisfies never;
    }
  }

  private outputFor(id: string) {
    return this.running?.id === id ? this.running.onOutput : this.finished.get(id)?.onOutput;
  }

  private finish(job: Job, outcome: Ending) {
    this.settle(job);
    if (job.kind === "execute") job.resolve(outcome);
    else job.resolve(outcome);
    this.pump();
  }

  /** The job is over: the kernel is free for the next. */
  private settle(job: Job) {
    if (this.running !== job) return;
    this.running = undefined;
    clearTimeout(this.interruptTimer);
    if (this.state.status === "busy") this.setState({ ...this.state, status: "idle" });
  }

  private abortQueued(reason: string) {
    const queued = this.queue;
    this.queue = [];
    for (const job of queued) job.resolve({ status: "aborted", reason });
  }

  private pump() {
    if (this.running || this.state.status !== "idle") return;
    const job = this.queue.shift();
    if (!job) return;
    this.running = job;
    this.finished.set(job.id, job);
    // Output of long-gone runs is dropped; the kernel caps each run's output anyway.
    if (this.finished.size > MAX_FINISHED) this.finished.delete(this.finished.keys().next().value ?? "");
    // Sent before "busy" is shown, so the worker starts while the page draws that.
    if (job.kind === "check") this.post({ type: "grader/check", id: job.id, ...job.request });
    // An adopted run was sent already, by the page that started the worker.
    else if (!job.posted) this.post({ type: "kernel/execute", id: job.id, cellName: job.cellName, code: job.code });
    this.setState({ ...this.state, status: "busy" });
  }

  private post(message: ToKernel) {
    this.worker?.postMessage(message);
  }

  private setState(state: KernelState) {
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }
}
