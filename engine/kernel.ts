/**
 * The kernel core: runs transpiled cells in a global scope that all cells share, captures their
 * output, and describes their errors in terms of the cell's own lines. It knows nothing of where it
 * runs: the Web Worker entry and Node (tests, grading, notebooks) each give it a host.
 */
import { formatConsoleArgs, formatText } from "./format";
import type { TensorMemory } from "./memory";
import { createPlot } from "./plot";
import { toMimeBundle } from "./rich";
import type { DisplaySink } from "./live";
import { createProgress } from "./progress";
import { gradeInKernel, loadCheckTests } from "./grading/kernel-check";
import type { CellError, ExecuteReply, GraderCheck, GraderResult, KernelExecute, KernelOutput, MimeBundle } from "./protocol";
import { CellSyntaxError, mapPosition, RUNTIME_NAME, transpileCell, type SourceMapV3 } from "./transpile";

export interface KernelHost {
  /** The global object of the realm cells run in; their top-level names become its properties. */
  scope: object;
  /** Runs a script in that realm and returns its completion value. */
  evaluate(js: string, filename: string): unknown;
  /** Delivers output produced while a cell runs. */
  emit(event: KernelOutput): void;
  /** A flag the page sets (non-zero) to interrupt a busy cell; checked in every loop iteration. */
  interruptFlag?: Int32Array;
  /** More globals for cells, such as `tf`. */
  globals?: Record<string, unknown>;
  /** Disposes the tensors a run created and no longer needs. */
  memory?: TensorMemory;
}

/** Output past these limits in one run is counted, not sent, so a runaway loop cannot flood the page. */
export const OUTPUT_LIMITS = { lines: 1_000, bytes: 1_000_000 } as const;

export class InterruptedError extends Error {
  constructor() {
    super("the cell was stopped at your request. Variables defined before this point are kept.");
    this.name = "Interrupted";
  }
}

interface Run {
  id: string;
  lines: number;
  bytes: number;
  hiddenLines: number;
  interrupt: (error: InterruptedError) => void;
}

export class Kernel {
  private executionCount = 0;
  private readonly maps = new Map<string, SourceMapV3>();
  private readonly definitions = new Map<string, string>();
  private run: Run | undefined;
  private lastRunId: string | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly host: KernelHost) {
    this.install();
  }

  /** The names cells have defined, with the cell that last defined each. */
  get scope(): ReadonlyMap<string, string> {
    return this.definitions;
  }

  /** Runs one cell after any already queued; resolves with exactly one reply. */
  execute(request: Pick<KernelExecute, "id" | "cellName" | "code">): Promise<ExecuteReply> {
    return this.between(() => this.executeNow(request));
  }

  /** Runs a task between cell runs (never during one), after any already queued. */
  between<T>(task: () => Promise<T> | T): Promise<T> {
    const next = this.queue.then(task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Stops the running cell: loops see the flag; a cell that is awaiting is rejected here. */
  interrupt(): void {
    this.run?.interrupt(new InterruptedError());
  }

  /**
   * **Check**: grades exercise code against its visible tests, between cells like a run of its own
   * (output attributed to it, Interrupt stops it, its tensors are released after).
   */
  check(request: GraderCheck): Promise<GraderResult> {
    return this.between(() => this.checkNow(request));
  }

  private async executeNow({ id, cellName, code }: Pick<KernelExecute, "id" | "cellName" | "code">): Promise<ExecuteReply> {
    const executionCount = ++this.executionCount;
    const filename = `${cellName}.run${executionCount}`;
    return this.asRun(id, async (interrupted) => {
      try {
        const compiled = transpileCell(code, filename);
        this.maps.set(filename, compiled.map);
        for (const name of compiled.declared) this.definitions.set(name, cellName);
        const value = await Promise.race([this.host.evaluate(compiled.js, filename), interrupted]);
        const result = value === undefined ? undefined : safeBundle(value);
        return { type: "kernel/execute-reply", id, status: "ok", executionCount, ...(result ? { result } : {}) };
      } catch (error) {
        return { type: "kernel/execute-reply", id, status: "error", executionCount, error: this.describe(error) };
      }
    });
  }

  private checks = 0;

  private async checkNow(request: GraderCheck): Promise<GraderResult> {
    const { id } = request;
    const filename = `exercise.run${++this.checks}`;
    const flag = this.host.interruptFlag;
    return this.asRun(id, async (interrupted) => {
      try {
        const tests = loadCheckTests(request.tests, request.seed);
        const compiled = transpileCell(request.code, filename, { closures: tests.map((test) => String(test.run)) });
        this.maps.set(filename, compiled.map);
        const runs = await Promise.race([this.host.evaluate(compiled.js, filename), interrupted]);
        if (!Array.isArray(runs)) throw new Error("the exercise code could not be prepared for its tests");
        const grade = gradeInKernel(tests, runs, request, {
          tf: this.host.globals?.tf,
          stopIfInterrupted: () => {
            if (flag !== undefined && Atomics.load(flag, 0) !== 0) throw new InterruptedError();
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
    this.run = { id, lines: 0, bytes: 0, hiddenLines: 0, interrupt };
    this.lastRunId = id;
    this.clearInterruptFlag();
    this.host.memory?.begin();
    try {
      return await body(interrupted);
    } finally {
      this.reportHiddenOutput();
      this.run = undefined;
      this.clearInterruptFlag();
      this.releaseTensors();
    }
  }

  private releaseTensors() {
    const memory = this.host.memory;
    if (!memory) return;
    const scope = this.host.scope as Record<string, unknown>;
    try {
      const roots = Object.values(Object.getOwnPropertyDescriptors(scope)).flatMap((descriptor) =>
        descriptor.enumerable && "value" in descriptor ? [descriptor.value as unknown] : [],
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
    const flag = this.host.interruptFlag;
    const runtime = Object.freeze({
      declare: (names: string[], functions: Record<string, unknown>) => {
        for (const name of names) declareGlobal(scope, name);
        Object.assign(scope, functions);
      },
      tick: () => {
        if (flag !== undefined && Atomics.load(flag, 0) !== 0) throw new InterruptedError();
      },
    });
    Object.defineProperty(scope, RUNTIME_NAME, { value: runtime, writable: false, configurable: false });

    const write = (name: "stdout" | "stderr") => (...args: unknown[]) => {
      // Past the cap, count the line without formatting it: a runaway loop stays cheap.
      if (this.run && this.run.hiddenLines > 0) this.run.hiddenLines += 1;
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
      ...this.host.globals,
    };
    for (const [name, value] of Object.entries(globals)) {
      Object.defineProperty(scope, name, { value, writable: true, configurable: true, enumerable: false });
    }
  }

  /** Output outside any run (a timer firing later) goes to the cell that ran last. */
  private stream(name: "stdout" | "stderr", text: string) {
    const id = this.run?.id ?? this.lastRunId;
    if (id === undefined) return;
    if (this.admit(text, countLines(text))) this.host.emit({ type: "kernel/stream", id, name, text });
  }

  private display(data: MimeBundle) {
    const id = this.run?.id ?? this.lastRunId;
    if (id === undefined) return;
    if (this.admit(JSON.stringify(data) ?? "", 1)) this.host.emit({ type: "kernel/display", id, data });
  }

  private nextDisplayId = 0;

  /** A display that is replaced in place; updates go to the cell that created it, uncapped. */
  private displayLive(data: MimeBundle): (data: MimeBundle) => void {
    const id = this.run?.id ?? this.lastRunId;
    if (id === undefined) return () => undefined;
    const displayId = `display-${++this.nextDisplayId}`;
    if (!this.admit(JSON.stringify(data) ?? "", 1)) return () => undefined;
    this.host.emit({ type: "kernel/display", id, data, displayId });
    return (next) => this.host.emit({ type: "kernel/update-display", id, displayId, data: next });
  }

  private admit(text: string, lines: number): boolean {
    const run = this.run;
    if (!run) return true;
    if (run.hiddenLines > 0 || run.lines + lines > OUTPUT_LIMITS.lines || run.bytes + text.length > OUTPUT_LIMITS.bytes) {
      run.hiddenLines += lines;
      return false;
    }
    run.lines += lines;
    run.bytes += text.length;
    return true;
  }

  private reportHiddenOutput() {
    const run = this.run;
    if (!run || run.hiddenLines === 0) return;
    this.host.emit({
      type: "kernel/stream",
      id: run.id,
      name: "stderr",
      text: `… ${run.hiddenLines.toLocaleString("en-US")} more lines of output were not shown (the limit is ${OUTPUT_LIMITS.lines.toLocaleString("en-US")} lines or 1 MB per run).\n`,
    });
  }

  /** Describes anything a cell threw, in terms of the cell's own source. Never throws. */
  private describe(error: unknown): CellError {
    try {
      if (error instanceof CellSyntaxError) {
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
      const map = this.maps.get(file);
      if (!map) continue;
      const original = mapPosition(map, file, Number(line), Number(column));
      if (!original) continue;
      const cell = file.replace(/\.run\d+$/, "");
      const where = `${cell}, line ${original.line}, column ${original.column}`;
      const name = fn && !fn.includes(RUNTIME_NAME) && fn !== "async" ? fn : undefined;
      frames.push({ ...original, text: name ? `${name} (${where})` : where });
    }
    return frames;
  }
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
