/**
 * The kernel core: runs transpiled cells in a global scope that all cells share, captures their
 * output, and describes their errors in terms of the cell's own lines. It knows nothing of where it
 * runs: the Web Worker entry and Node (tests, grading, notebooks) each give it a host.
 */
import { CellTasks, type Owner } from "./cell-tasks";
import { formatConsoleArgs, formatText } from "./format";
import type { TensorMemory } from "./memory";
import { createPlot } from "./plot";
import { toMimeBundle } from "./rich";
import type { DisplaySink } from "./live";
import { createProgress } from "./progress";
import { gradeInKernel, loadCheckTests } from "./grading/kernel-check";
import type { CellError, ExecuteReply, GraderCheck, GraderResult, KernelExecute, KernelOutput, KernelStream, MimeBundle } from "./protocol";
import { hostTimers } from "./timers";
import { type Compiler, type PrecompiledCell, RUNTIME_NAME } from "./compiler";
import type { TranspiledCell } from "./transpile";

export interface KernelHost {
  /** The global object of the realm cells run in; their top-level names become its properties. */
  scope: object;
  /** Runs a script in that realm and returns its completion value. */
  evaluate(js: string, filename: string): unknown;
  /** Delivers output produced while a cell runs. */
  emit(event: KernelOutput): void;
  /** A flag the page sets (non-zero) to interrupt a busy cell; checked in every loop iteration and function call. */
  interruptFlag?: Int32Array;
  /** More globals for cells, such as `tf`. */
  globals?: Record<string, unknown>;
  /**
   * Globals made on a cell's first use of them (in a browser, `tf`: its script loads then). Once made,
   * they are plain globals like the others.
   */
  lazyGlobals?: Record<string, () => unknown>;
  /** Disposes the tensors a run created and no longer needs. */
  memory?: TensorMemory;
  /** The cell transpiler; called on first need (in a browser it loads a script). */
  compiler(): Compiler;
  /**
   * Cells compiled ahead of time (a lesson's own), by source: a run of one of them needs no
   * transpiler. Runs wait for it to settle; a rejection means none.
   */
  precompiled?: Promise<ReadonlyMap<string, PrecompiledCell>>;
}

/** Output past these limits in one run is counted, not sent, so a runaway loop cannot flood the page. */
export const OUTPUT_LIMITS = { lines: 1_000, bytes: 1_000_000 } as const;
/** How long console text may wait to be batched into one message. */
const STREAM_FLUSH_MS = 50;
const LIMIT_TEXT = `${OUTPUT_LIMITS.lines.toLocaleString("en-US")} lines or 1 MB`;
/** How many compiled cells (cell name + source) the kernel keeps for re-runs. */
const COMPILED_CACHE_SIZE = 64;

/** A Check's test ran past its time limit (the server's `timeLimitMs`); the test fails, the next one runs. */
export class TimeLimitError extends Error {
  constructor() {
    super("the test's time limit was reached");
    this.name = "TimeLimit";
  }
}

export class InterruptedError extends Error {
  constructor() {
    super("the cell was stopped at your request. Variables defined before this point are kept.");
    this.name = "Interrupted";
  }
}

interface Run {
  owner: Owner;
  interrupt: (error: InterruptedError) => void;
}

export class Kernel {
  private executionCount = 0;
  /** Compiled code by file name, for mapping errors back to cell lines (the map is built on first use). */
  private readonly maps = new Map<string, Pick<TranspiledCell, "map">>();
  /**
   * Re-running a cell with the same source reuses its compiled code and file name: no transpile, and
   * the engine finds the same script in its compilation cache. Least recently used first.
   */
  private readonly compiled = new Map<string, { filename: string; cell: TranspiledCell }>();
  /** The names cells have defined, with the cell that last defined each. */
  private readonly definitions = new Map<string, string>();
  private run: Run | undefined;
  /**
   * How many interrupts the kernel has handled. A run asked for before an interrupt and still
   * waiting its turn (behind the backend probe, say) is stopped too: it would otherwise start after
   * the interrupt was spent, and a `while (true) {}` in it could only be ended by a restart.
   */
  private interrupts = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly tasks: CellTasks;
  /** The scope's enumerable names before any cell ran (the host's own, such as tfjs's `_tfengine`). */
  private readonly hostNames: ReadonlySet<string>;

  constructor(private readonly host: KernelHost) {
    this.tasks = new CellTasks(host.scope as Record<string, unknown>);
    this.hostNames = new Set(Object.keys(host.scope));
    this.install();
  }

  /** Runs one cell after any already queued; resolves with exactly one reply. */
  execute(request: Pick<KernelExecute, "id" | "cellName" | "code">): Promise<ExecuteReply> {
    const asked = this.interrupts;
    return this.between(() => this.executeNow(request, asked));
  }

  /** Runs a task between cell runs (never during one), after any already queued. */
  between<T>(task: () => Promise<T> | T): Promise<T> {
    const next = this.queue.then(task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Stops the running cell (loops and calls see the flag; a cell that is awaiting is rejected here)
   * and everything earlier cells left running: their timers are cleared, and their callbacks and
   * continuations stop at their next await or loop, with their output dropped.
   */
  interrupt(): void {
    this.interrupts += 1;
    this.tasks.cancelAll();
    this.run?.interrupt(new InterruptedError());
    this.clearInterruptFlag();
  }

  /**
   * Whether a run asked for when `asked` interrupts had been handled must not start: one was
   * handled since, or the page has raised the flag and its message is on the way. Only `interrupt()`
   * lowers the flag, so a run that starts between the two cannot miss it.
   */
  private interruptedSince(asked: number): boolean {
    const flag = this.host.interruptFlag;
    return asked !== this.interrupts || (flag !== undefined && Atomics.load(flag, 0) !== 0);
  }

  /**
   * **Check**: grades exercise code against its visible tests, between cells like a run of its own
   * (output attributed to it, Interrupt stops it, its tensors are released after).
   */
  check(request: GraderCheck): Promise<GraderResult> {
    const asked = this.interrupts;
    return this.between(() => this.checkNow(request, asked));
  }

  private async executeNow({ id, cellName, code }: Pick<KernelExecute, "id" | "cellName" | "code">, asked: number): Promise<ExecuteReply> {
    const executionCount = ++this.executionCount;
    const precompiled = await this.host.precompiled?.catch(() => undefined);
    return this.asRun(id, async (interrupted) => {
      try {
        if (this.interruptedSince(asked)) throw new InterruptedError();
        const { filename, cell: compiled } = this.compile(cellName, code, executionCount, precompiled?.get(code));
        for (const name of compiled.declared) this.definitions.set(name, cellName);
        const value = await Promise.race([this.host.evaluate(compiled.js, filename), interrupted]);
        const result = value === undefined ? undefined : safeBundle(value);
        return { type: "kernel/execute-reply", id, status: "ok", executionCount, ...(result ? { result } : {}) };
      } catch (error) {
        return { type: "kernel/execute-reply", id, status: "error", executionCount, error: this.describe(error) };
      }
    });
  }

  private compile(cellName: string, code: string, executionCount: number, ahead?: PrecompiledCell): { filename: string; cell: TranspiledCell } {
    const key = `${cellName}\n${code}`;
    const cached = this.compiled.get(key);
    if (cached) {
      this.compiled.delete(key);
      this.compiled.set(key, cached);
      return cached;
    }
    const filename = `${cellName}.run${executionCount}`;
    const { host } = this;
    let map: TranspiledCell["map"] | undefined;
    const entry = {
      filename,
      cell: ahead
        ? {
            js: ahead.js,
            declared: ahead.declared,
            // The same code transpiled again gives the same script, and the map for this file name.
            get map() {
              map ??= host.compiler().transpileCell(code, filename).map;
              return map;
            },
          }
        : host.compiler().transpileCell(code, filename),
    };
    this.maps.set(filename, entry.cell);
    this.compiled.set(key, entry);
    if (this.compiled.size > COMPILED_CACHE_SIZE) {
      const [oldest] = this.compiled.keys();
      if (oldest !== undefined) this.compiled.delete(oldest);
    }
    return entry;
  }

  private checks = 0;
  /** While a Check's test runs: when its time is up (performance.now()), else 0. */
  private readonly timeLimit = { deadline: 0, ticks: 0 };

  private async checkNow(request: GraderCheck, asked: number): Promise<GraderResult> {
    const { id } = request;
    const filename = `exercise.run${++this.checks}`;
    const flag = this.host.interruptFlag;
    return this.asRun(id, async (interrupted) => {
      try {
        if (this.interruptedSince(asked)) throw new InterruptedError();
        const tests = loadCheckTests(request.tests, request.seed);
        const compiled = this.host.compiler().transpileCell(request.code, filename, { closures: tests.map((test) => String(test.run)) });
        this.maps.set(filename, compiled);
        const runs = await Promise.race([this.host.evaluate(compiled.js, filename), interrupted]);
        if (!Array.isArray(runs)) throw new Error("the exercise code could not be prepared for its tests");
        const grade = gradeInKernel(tests, runs, request, {
          tf: this.host.globals?.tf ?? this.host.lazyGlobals?.tf?.(),
          stopIfInterrupted: () => {
            if (flag !== undefined && Atomics.load(flag, 0) !== 0) throw new InterruptedError();
          },
          limitTo: (ms) => {
            this.timeLimit.deadline = ms === undefined ? 0 : performance.now() + ms;
          },
        });
        return { type: "grader/result", id, status: "graded", grade };
      } catch (error) {
        return { type: "grader/result", id, status: "error", error: this.describe(error) };
      }
    });
  }

  /** Runs `body` as the current run: its output is capped and attributed to `id`, and Interrupt rejects `interrupted`. */
  private async asRun<T>(id: string, body: (interrupted: Promise<never>) => Promise<T>): Promise<T> {
    let interrupt: (error: InterruptedError) => void = () => undefined;
    const interrupted = new Promise<never>((_, reject) => {
      interrupt = reject;
    });
    const owner = this.tasks.begin(id);
    this.run = { owner, interrupt };
    // A run's first line goes out at once.
    this.lastFlush = 0;
    this.host.memory?.begin();
    try {
      return await body(interrupted);
    } finally {
      this.reportHiddenOutput(owner);
      this.flush();
      this.tasks.end(owner);
      this.run = undefined;
      this.releaseTensors();
    }
  }

  private releaseTensors() {
    const memory = this.host.memory;
    if (!memory) return;
    const scope = this.host.scope as Record<string, unknown>;
    try {
      // The cells' names only: what the host keeps in its global scope (tfjs's engine, in a worker)
      // reaches every tensor and would keep them all.
      const roots = Object.entries(Object.getOwnPropertyDescriptors(scope)).flatMap(([name, descriptor]) =>
        descriptor.enumerable && "value" in descriptor && (this.definitions.has(name) || !this.hostNames.has(name))
          ? [descriptor.value as unknown]
          : [],
      );
      memory.end(roots);
    } catch (error) {
      this.stream("stderr", `Tensor clean-up failed: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }

  private clearInterruptFlag() {
    if (this.host.interruptFlag) Atomics.store(this.host.interruptFlag, 0, 0);
  }

  private install() {
    const scope = this.host.scope as Record<string, unknown>;
    // Without cross-origin isolation there is no shared flag: a private one, never set, keeps
    // the instrumented code the same.
    const flag = this.host.interruptFlag ?? new Int32Array(1);
    const tasks = this.tasks;
    const limit = this.timeLimit;
    const runtime = Object.freeze({
      declare: (names: string[], functions: Record<string, unknown>) => {
        for (const name of names) declareGlobal(scope, name);
        Object.assign(scope, functions);
      },
      /** Read by instrumented function entries directly, the cheapest check there is. */
      flag,
      /** Every loop iteration: the page's flag, or code left over from an interrupted run. */
      tick: () => {
        if (Atomics.load(flag, 0) !== 0 || tasks.currentIsStale) throw new InterruptedError();
        // A Check's per-test limit: looked at every 1,024 iterations, so cells' loops pay one comparison.
        if (limit.deadline !== 0 && (++limit.ticks & 1023) === 0 && performance.now() > limit.deadline) throw new TimeLimitError();
      },
      token: () => tasks.token(),
      /** Wraps the value of every `await` in cell code. */
      resume: <T>(token: Owner | undefined, value: T): T => {
        if (!tasks.resume(token)) throw new InterruptedError();
        return value;
      },
    });
    Object.defineProperty(scope, RUNTIME_NAME, { value: runtime, writable: false, configurable: false });

    const write = (name: "stdout" | "stderr") => (...args: unknown[]) => {
      // Past the cap, count the line without formatting it: a runaway loop stays cheap.
      const owner = this.tasks.current;
      if (!owner || this.tasks.isStale(owner)) return;
      if (owner.hiddenLines > 0) owner.hiddenLines += 1;
      else this.stream(name, `${formatConsoleArgs(args)}\n`);
    };
    const display = Object.assign((value: unknown) => this.display(safeBundle(value)), {
      markdown: (text: string) => this.display({ "text/markdown": String(text), "text/plain": String(text) }),
      html: (html: string) => this.display({ "text/html": String(html), "text/plain": "<HTML output>" }),
    });
    const sink: DisplaySink = {
      show: (bundle) => this.display(bundle),
      showLive: (bundle) => this.displayLive(bundle),
    };
    const globals: Record<string, unknown> = {
      console: {
        log: write("stdout"),
        info: write("stdout"),
        debug: write("stdout"),
        dir: write("stdout"),
        table: write("stdout"),
        warn: write("stderr"),
        error: write("stderr"),
      },
      display,
      plot: createPlot(sink),
      progress: createProgress(sink),
      ...this.tasks.globals(),
      ...this.host.globals,
    };
    const plain = (name: string, value: unknown) => {
      Object.defineProperty(scope, name, { value, writable: true, configurable: true, enumerable: false });
      return value;
    };
    for (const [name, value] of Object.entries(globals)) plain(name, value);
    for (const [name, make] of Object.entries(this.host.lazyGlobals ?? {})) {
      Object.defineProperty(scope, name, { get: () => plain(name, make()), set: (value: unknown) => plain(name, value), configurable: true, enumerable: false });
    }
  }

  /** The run output belongs to: the running cell's, or the one whose timer or callback is running. */
  private owner(): Owner | undefined {
    const owner = this.tasks.current;
    return owner && !this.tasks.isStale(owner) ? owner : undefined;
  }

  private stream(name: "stdout" | "stderr", text: string) {
    const owner = this.owner();
    if (owner && this.admit(owner, text, countLines(text))) this.buffer(owner.id, name, text);
  }

  private display(data: MimeBundle) {
    const owner = this.owner();
    if (owner && this.admit(owner, JSON.stringify(data) ?? "", 1)) this.send({ type: "kernel/display", id: owner.id, data });
  }

  private nextDisplayId = 0;

  /** A display that is replaced in place; updates go to the cell that created it, uncapped. */
  private displayLive(data: MimeBundle): (data: MimeBundle) => void {
    const owner = this.owner();
    if (owner === undefined) return () => undefined;
    const id = owner.id;
    const displayId = `display-${++this.nextDisplayId}`;
    if (!this.admit(owner, JSON.stringify(data) ?? "", 1)) return () => undefined;
    this.send({ type: "kernel/display", id, data, displayId });
    return (next) => this.send({ type: "kernel/update-display", id, displayId, data: next });
  }

  /** Console text waiting to be sent: consecutive lines of one stream travel as one message. */
  private pending: KernelStream | undefined;
  private pendingTimer: ReturnType<typeof hostTimers.setTimeout> | undefined;
  private lastFlush = 0;

  /**
   * A chatty loop sends a message per ~50 ms, not per line, so the page handles a few large
   * updates instead of a thousand small ones (each of which would re-render the output).
   */
  private buffer(id: string, name: "stdout" | "stderr", text: string) {
    const pending = this.pending;
    if (pending && pending.id === id && pending.name === name) pending.text += text;
    else {
      this.flush();
      this.pending = { type: "kernel/stream", id, name, text };
    }
    if (Date.now() - this.lastFlush >= STREAM_FLUSH_MS) this.flush();
    else this.pendingTimer ??= hostTimers.setTimeout(() => this.flush(), STREAM_FLUSH_MS);
  }

  /**
   * Sends buffered console text; everything else is sent after it, so order is kept. Only a send
   * starts the next 50 ms: a run's first line goes out at once, also when a busy loop follows it.
   */
  flush() {
    if (this.pendingTimer !== undefined) hostTimers.clearTimeout(this.pendingTimer);
    this.pendingTimer = undefined;
    const pending = this.pending;
    this.pending = undefined;
    if (!pending) return;
    this.lastFlush = Date.now();
    this.host.emit(pending);
  }

  private send(event: KernelOutput) {
    this.flush();
    this.host.emit(event);
  }

  /** One budget per run, for its own output and for what its timers and callbacks print later. */
  private admit(owner: Owner, text: string, lines: number): boolean {
    if (owner.hiddenLines > 0 || owner.lines + lines > OUTPUT_LIMITS.lines || owner.bytes + text.length > OUTPUT_LIMITS.bytes) {
      const first = owner.hiddenLines === 0;
      owner.hiddenLines += lines;
      if (first && owner.ended) {
        this.send({
          type: "kernel/stream",
          id: owner.id,
          name: "stderr",
          text: `… more output from this cell's timers and callbacks is not shown (the limit is ${LIMIT_TEXT} per run). Interrupt stops them.\n`,
        });
      }
      return false;
    }
    owner.lines += lines;
    owner.bytes += text.length;
    return true;
  }

  private reportHiddenOutput(owner: Owner) {
    if (owner.hiddenLines === 0) return;
    this.send({
      type: "kernel/stream",
      id: owner.id,
      name: "stderr",
      text: `… ${owner.hiddenLines.toLocaleString("en-US")} more lines of output were not shown (the limit is ${LIMIT_TEXT} per run).\n`,
    });
  }

  /** Describes anything a cell threw, in terms of the cell's own source. Never throws. */
  private describe(error: unknown): CellError {
    try {
      if (isCellSyntaxError(error)) {
        return { name: "SyntaxError", message: error.message, line: error.line, column: error.column };
      }
      if (error instanceof InterruptedError) return { name: error.name, message: error.message };
      // Errors from another realm (Node's vm) are not `instanceof Error` here, so check the shape.
      if (typeof error !== "object" || error === null || typeof (error as Error).stack !== "string") {
        return { name: "Error", message: `Uncaught ${formatText(error)}` };
      }
      const { name, stack } = error as Error;
      let message = String((error as Error).message);
      // tfjs says "Tensor is disposed." when data is read, and fails to find the tensor's backend
      // when a disposed tensor goes into an op.
      const disposed = message === "Tensor is disposed." || message === "Cannot read properties of undefined (reading 'backend')";
      if (disposed && this.host.memory) {
        message +=
          " (a tensor was already disposed). When a cell ends, Descent disposes the tensors it created that no top-level variable holds (directly or in an array, object or Map). Keep the tensor in a top-level variable, or wrap it in tf.keep().";
      }
      const frames = this.cellFrames(stack ?? "");
      const first = frames[0];
      return {
        name: String(name),
        message,
        ...(first ? { line: first.line, column: first.column } : {}),
        stack: frames.map((frame) => `    at ${frame.text}`).join("\n"),
      };
    } catch {
      return { name: "Error", message: "The cell threw a value that could not be described." };
    }
  }

  /** The stack frames that lie in cell code, mapped back to cell lines, outermost last. */
  private cellFrames(stack: string): { line: number; column: number; text: string }[] {
    const frames: { line: number; column: number; text: string }[] = [];
    for (const raw of stack.split("\n")) {
      const match = /at (?:(.+?) \()?(.+?\.run\d+):(\d+):(\d+)\)?$/.exec(raw.trim());
      if (!match) continue;
      const [, fn, file = "", line = "0", column = "0"] = match;
      const map = this.maps.get(file)?.map;
      if (!map) continue;
      const original = this.host.compiler().mapPosition(map, file, Number(line), Number(column));
      if (!original) continue;
      const cell = file.replace(/\.run\d+$/, "");
      const where = `${cell}, line ${original.line}, column ${original.column}`;
      const name = fn && !fn.includes(RUNTIME_NAME) && fn !== "async" ? fn : undefined;
      frames.push({ ...original, text: name ? `${name} (${where})` : where });
    }
    return frames;
  }
}

/**
 * The transpiler's CellSyntaxError, by shape: asking for its class would load the transpiler (in a
 * browser) for every error a precompiled cell throws.
 */
function isCellSyntaxError(error: unknown): error is SyntaxError & { line: number; column: number } {
  return error instanceof SyntaxError && typeof Reflect.get(error, "line") === "number" && typeof Reflect.get(error, "column") === "number";
}

function declareGlobal(scope: Record<string, unknown>, name: string) {
  const own = Object.getOwnPropertyDescriptor(scope, name);
  if (own && (own.writable || own.set)) return;
  if (own && !own.configurable) {
    throw new TypeError(`"${name}" is a built-in name and cannot be redefined: choose another name.`);
  }
  Object.defineProperty(scope, name, { value: undefined, writable: true, configurable: true, enumerable: true });
}

function countLines(text: string): number {
  let lines = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lines++;
  return Math.max(lines, 1);
}

/** Formatting runs user-defined getters and toString; a hostile value must not break the reply. */
function safeBundle(value: unknown): MimeBundle {
  try {
    return toMimeBundle(value);
  } catch (error) {
    return { "text/plain": `<value that could not be shown: ${error instanceof Error ? error.message : "unknown error"}>` };
  }
}
