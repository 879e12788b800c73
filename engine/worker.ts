/**
 * The kernel's Web Worker entry: one per lesson page. It keeps private handles on the message
 * channel, walls off everything else (see sandbox.ts), and then runs cells as the page asks.
 */
import * as tf from "@tensorflow/tfjs-core";
import { hasHardwareWebGL, prepareBackend, probeBackends } from "./backends";
import { type Compiler, type PrecompiledCell, precompiledCellsSchema } from "./compiler";
import { InterruptedError, Kernel } from "./kernel";
import { type Layers, withLayers } from "./layers";
import { createTensorMemory } from "./memory";
import { type BackendName, type FromKernel, type KernelInit, toKernelSchema } from "./protocol";
import { lockDown } from "./sandbox";
import { initTensors } from "./tensors";
import { hostTimers } from "./timers";

declare const self: DedicatedWorkerGlobalScope & typeof globalThis;

const post: (message: FromKernel) => void = self.postMessage.bind(self);
const diagnostics = self.console;
const WASM_PREFIX = new URL("/engine/wasm/", self.location.href).href;

// tfjs loads its .wasm through the platform's fetch. Cells lose `fetch`, so the kernel keeps a
// private one that can reach nothing but the wasm files.
const realFetch = self.fetch.bind(self);
function wasmOnlyFetch(path: string, init?: RequestInit): Promise<Response> {
  const url = new URL(path, WASM_PREFIX).href;
  if (!url.startsWith(WASM_PREFIX)) return Promise.reject(new Error("fetch is not available in Descent cells"));
  return realFetch(url, init);
}

const privateImportScripts = self.importScripts.bind(self);
/** Where the engine's extra scripts are served (public/engine/). */
const engineScriptUrl = (file: string) => new URL(`/engine/${file}`, self.location.href).href;
/**
 * Loads one of the engine's extra scripts (built by scripts/build-engine.mjs) into this worker,
 * synchronously. Its tfjs-core is the worker's, handed over on a private global; what it hands
 * back, on the global named `exported`, is returned.
 */
function loadEngineScript(file: string, exported?: string): unknown {
  Object.defineProperty(self, "__descentTfCore", { value: tf, configurable: true });
  try {
    privateImportScripts(engineScriptUrl(file));
    if (exported === undefined) return undefined;
    const value: unknown = Reflect.get(self, exported);
    if (value === undefined || value === null) throw new Error(`the engine script ${file} did not load`);
    return value;
  } finally {
    delete (self as { __descentTfCore?: unknown }).__descentTfCore;
    if (exported !== undefined) Reflect.deleteProperty(self, exported);
  }
}

// The WebGL and WASM backends are separate scripts (see webgl-backend.ts, wasm-backend.ts), loaded only when needed.
function loadWebGL() {
  if (!tf.findBackendFactory("webgl")) loadEngineScript("kernel-webgl.js");
}
function loadWasm() {
  if (tf.findBackendFactory("wasm")) return;
  const setWasmPaths = loadEngineScript("kernel-wasm.js", "__descentSetWasmPaths") as (prefix: string, usePlatformFetch: boolean) => void;
  setWasmPaths(WASM_PREFIX, true);
  // Threaded WASM would start nested workers, which the sandbox forbids; the SIMD build is as fast here.
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
}

const COMPILER_SCRIPT = "kernel-transpile.js";
let compiler: Compiler | undefined;
/** The cell transpiler (see compiler.ts): loaded on the first run of code not compiled ahead, or after the first answer. */
function loadCompiler(): Compiler {
  compiler ??= loadEngineScript(COMPILER_SCRIPT, "__descentCompiler") as Compiler;
  return compiler;
}

/** How long runs wait for the lesson's compiled cells before the transpiler compiles them instead. */
const PRECOMPILED_WAIT_MS = 1_500;

/** The lesson's cells compiled at build time, by source; from this origin only. */
async function loadPrecompiled(path: string): Promise<ReadonlyMap<string, PrecompiledCell>> {
  const url = new URL(path, self.location.href);
  if (url.origin !== self.location.origin) throw new Error("compiled cells come from this site only");
  const response = await realFetch(url.href);
  if (!response.ok) throw new Error(`compiled cells: HTTP ${response.status}`);
  const { cells } = precompiledCellsSchema.parse(await response.json());
  return new Map(cells.map((cell) => [cell.code, cell]));
}

// The Layers API, loaded (synchronously, so `tf.sequential` is just there) on a cell's first use.
function loadLayers(): Layers {
  return loadEngineScript("kernel-layers.js", "__descentTfLayers") as Layers;
}

let kernel: Kernel | undefined;
let starting: Promise<Kernel> | undefined;
/** How long the backend probe waits for the first cell before it starts anyway. */
const PROBE_DELAY_MS = 1_000;
let firstAnswer: () => void = () => undefined;
/**
 * Settles when the kernel has answered its first request: the backend probe (compiling WASM,
 * creating a WebGL context, timing trials) competes for the CPU and must not slow that one down.
 */
const answeredOnce = new Promise<void>((resolve) => {
  firstAnswer = resolve;
});

function configureTensors() {
  tf.env().platform.fetch = (path: string, init?: RequestInit) => wasmOnlyFetch(path, init);
}

function candidates(): BackendName[] {
  const webgl = hasHardwareWebGL();
  if (webgl) loadWebGL();
  const wasm = typeof WebAssembly === "object";
  if (wasm) loadWasm();
  return [...(webgl ? (["webgl"] as const) : []), ...(wasm ? (["wasm"] as const) : []), "cpu"];
}

/** Moves a running kernel to the fastest backend, between cells, once the first cell has its answer. */
async function upgrade(instance: Kernel, cached: BackendName | undefined) {
  await Promise.race([answeredOnce, new Promise((resolve) => hostTimers.setTimeout(resolve, PROBE_DELAY_MS))]);
  // Ready before the learner edits a cell, so that the first edited run does not wait for it. The
  // download happens first, in the background (cells keep running); the load is then a cache check.
  await realFetch(engineScriptUrl(COMPILER_SCRIPT))
    .then((response) => response.arrayBuffer())
    .catch(() => undefined);
  await instance.between(() => loadCompiler()).catch(() => undefined);
  try {
    if (cached && candidates().includes(cached)) {
      await prepareBackend(cached);
      await instance.between(() => tf.setBackend(cached));
      post({ type: "kernel/backend", backend: tf.getBackend() });
      return;
    }
    const probe = await probeBackends(candidates(), (task) => instance.between(task));
    await instance.between(() => tf.setBackend(probe.chosen));
    post({ type: "kernel/backend", backend: tf.getBackend(), probe });
  } catch (error) {
    post({ type: "kernel/backend", backend: tf.getBackend(), problem: error instanceof Error ? error.message : String(error) });
  }
}

// The CPU backend starts while the script waits for the page's kernel/init.
configureTensors();
const tensorsReady = initTensors();
// A failure is reported by start(), as kernel/fatal.
tensorsReady.catch(() => undefined);

async function start({ interruptBuffer, backend = "auto", cachedBackend, compiledCells }: KernelInit): Promise<Kernel> {
  // Fetched while the backend starts; runs wait for it, PRECOMPILED_WAIT_MS at most (after that, or on
  // a failure, the transpiler compiles them).
  const precompiled =
    compiledCells === undefined
      ? undefined
      : Promise.race([
          loadPrecompiled(compiledCells),
          new Promise<never>((_, reject) => hostTimers.setTimeout(() => reject(new Error("compiled cells: no answer in time")), PRECOMPILED_WAIT_MS)),
        ]);
  precompiled?.catch((error: unknown) => diagnostics.warn("kernel: no compiled cells", error));
  await tensorsReady;
  let problem: string | undefined;
  if (backend !== "auto" && backend !== "cpu") {
    // A learner or lesson that pins WebGL gets it even when the browser renders it in software.
    try {
      if (backend === "webgl") {
        loadWebGL();
        tf.env().set("SOFTWARE_WEBGL_ENABLED", true);
      }
      if (backend === "wasm") loadWasm();
      await prepareBackend(backend);
      await tf.setBackend(backend);
    } catch (error) {
      problem = `The ${backend} backend could not start here (${error instanceof Error ? error.message : String(error)}); using cpu.`;
    }
  }
  const instance = new Kernel({
    scope: self,
    evaluate: (js, filename) => (0, eval)(`${js}\n//# sourceURL=${filename}`),
    emit: post,
    ...(interruptBuffer ? { interruptFlag: new Int32Array(interruptBuffer) } : {}),
    globals: { tf: withLayers(tf, loadLayers) },
    memory: createTensorMemory(tf),
    compiler: loadCompiler,
    ...(precompiled ? { precompiled } : {}),
  });
  post({ type: "kernel/ready", backend: tf.getBackend() });
  if (problem) post({ type: "kernel/backend", backend: tf.getBackend(), problem });
  if (backend === "auto") void upgrade(instance, cachedBackend);
  return instance;
}

self.addEventListener("message", (event: MessageEvent) => {
  const parsed = toKernelSchema.safeParse(event.data);
  if (!parsed.success) {
    diagnostics.warn("kernel: dropped a malformed message", parsed.error.issues);
    return;
  }
  const message = parsed.data;
  switch (message.type) {
    case "kernel/init":
      starting ??= start(message).then(
        (instance) => (kernel = instance),
        (error: unknown) => {
          post({ type: "kernel/fatal", message: error instanceof Error ? error.message : String(error) });
          throw error;
        },
      );
      break;
    case "kernel/execute":
      void (starting ?? Promise.reject(new Error("kernel/execute before kernel/init"))).then(async (instance) => {
        post(await instance.execute(message));
        firstAnswer();
      });
      break;
    case "kernel/interrupt":
      // While the kernel starts, the runs already asked for are waiting on it: this interrupt follows them.
      if (kernel) kernel.interrupt();
      else void starting?.then((instance) => instance.interrupt());
      break;
    case "grader/check":
      void (starting ?? Promise.reject(new Error("grader/check before kernel/init"))).then(async (instance) => {
        post(await instance.check(message));
        firstAnswer();
      });
      break;
    default:
      message satisfies never;
  }
});

// Errors from a cell's timers or stray promises land in the cell that started them, not the console.
self.addEventListener("error", (event: ErrorEvent) => {
  event.preventDefault();
  self.console.error(`Uncaught ${event.message}`);
});
self.addEventListener("unhandledrejection", (event: PromiseRejectionEvent) => {
  event.preventDefault();
  const reason: unknown = event.reason;
  // A stray promise of an interrupted run stopped at its next await, as asked: nothing to report.
  if (reason instanceof InterruptedError) return;
  self.console.error(`Uncaught (in promise) ${reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason)}`);
});

lockDown(self);
