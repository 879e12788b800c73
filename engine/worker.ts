/**
 * The kernel's Web Worker entry: one per lesson page. It keeps private handles on the message
 * channel, walls off everything else (see sandbox.ts), and then runs cells as the page asks.
 */
import { HOST_TIMERS_GLOBAL, TF_RUNTIME_GLOBAL, TF_SCRIPT } from "./backend-names";
import { type Compiler, type PrecompiledCell, precompiledCellsSchema } from "./compiler";
import { InterruptedError, Kernel } from "./kernel";
import { type Layers, withLayers } from "./layers";
import { createTensorMemory, type TensorMemory } from "./memory";
import { type BackendName, type FromKernel, type KernelInit, toKernelSchema } from "./protocol";
import { lockDown } from "./sandbox";
import type { TfRuntime } from "./tf-runtime";
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

const importScriptsNow = self.importScripts.bind(self);
/**
 * Loads one engine script synchronously, with the worker's own timers handed to it (engine/engine-timers.ts):
 * tfjs's timers must not be the cells', which Interrupt clears.
 */
function privateImportScripts(url: string) {
  Object.defineProperty(self, HOST_TIMERS_GLOBAL, { value: hostTimers, configurable: true });
  try {
    importScriptsNow(url);
  } finally {
    Reflect.deleteProperty(self, HOST_TIMERS_GLOBAL);
  }
}
/** Where the engine's extra scripts are served (public/engine/). */
const engineScriptUrl = (file: string) => new URL(`/engine/${file}`, self.location.href).href;
/**
 * Loads one of the engine's extra scripts (built by scripts/build-engine.mjs) into this worker,
 * synchronously. A script built on tfjs-core (`tf`) gets the worker's, handed over on a private
 * global, loading TensorFlow.js first if it is not yet; what it hands back, on the global named
 * `exported`, is returned.
 */
function loadEngineScript(file: string, { exported, tf = false }: { exported?: string; tf?: boolean } = {}): unknown {
  if (tf) Object.defineProperty(self, "__descentTfCore", { value: tfRuntime().tf, configurable: true });
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

let runtime: TfRuntime | undefined;
/** The tensor memory of the runs, once tfjs is loaded (no tensor exists before). */
let tensorMemory: TensorMemory | undefined;
let inRun = false;

/**
 * TensorFlow.js (engine/tf-runtime.ts), loaded synchronously on first need: a cell that touches `tf`,
 * a pinned backend, or the backend probe after the first answer. Loaded in the middle of a run, its
 * tensors still belong to that run's memory scope.
 */
function tfRuntime(): TfRuntime {
  if (runtime) return runtime;
  const before = new Set(Reflect.ownKeys(self));
  privateImportScripts(engineScriptUrl(TF_SCRIPT));
  const loaded = Reflect.get(self, TF_RUNTIME_GLOBAL) as TfRuntime | undefined;
  Reflect.deleteProperty(self, TF_RUNTIME_GLOBAL);
  if (!loaded) throw new Error(`the engine script ${TF_SCRIPT} did not load`);
  // tfjs keeps its engine on globals (_tfengine, _tfGlobals): not cell variables, so not roots the
  // tensor memory keeps tensors for (the kernel counts only enumerable globals as cell variables).
  for (const key of Reflect.ownKeys(self)) {
    const descriptor = before.has(key) ? undefined : Object.getOwnPropertyDescriptor(self, key);
    if (descriptor?.enumerable && descriptor.configurable) Object.defineProperty(self, key, { ...descriptor, enumerable: false });
  }
  runtime = loaded;
  // tfjs loads its .wasm through the platform's fetch: the kernel's private one, for the wasm files only.
  loaded.tf.env().platform.fetch = (path: string, init?: RequestInit) => wasmOnlyFetch(path, init);
  // The CPU backend is the only one registered: it is active at once (its factory is synchronous).
  loaded.initTensors().catch((error: unknown) => diagnostics.warn("kernel: the CPU backend did not start", error));
  tensorMemory = createTensorMemory(loaded.tf);
  if (inRun) tensorMemory.begin();
  return loaded;
}

/** What the kernel calls around each run: nothing to track until tfjs is there. */
const memory: TensorMemory = {
  begin() {
    inRun = true;
    tensorMemory?.begin();
  },
  end(roots) {
    inRun = false;
    tensorMemory?.end(roots);
  },
};

/** The active backend: the CPU one until tfjs is loaded (it starts on it). */
const activeBackend = (): BackendName => (runtime ? (runtime.tf.getBackend() as BackendName) : "cpu");

// The WebGL and WASM backends are separate scripts (see webgl-backend.ts, wasm-backend.ts), loaded only when needed.
function loadWebGL() {
  if (!tfRuntime().tf.findBackendFactory("webgl")) loadEngineScript("kernel-webgl.js", { tf: true });
}
function loadWasm() {
  const { tf } = tfRuntime();
  if (tf.findBackendFactory("wasm")) return;
  const setWasmPaths = loadEngineScript("kernel-wasm.js", { exported: "__descentSetWasmPaths", tf: true }) as (prefix: string, usePlatformFetch: boolean) => void;
  setWasmPaths(WASM_PREFIX, true);
  // Threaded WASM would start nested workers, which the sandbox forbids; the SIMD build is as fast here.
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
}

const COMPILER_SCRIPT = "kernel-transpile.js";
let compiler: Compiler | undefined;
/** The cell transpiler (see compiler.ts): loaded on the first run of code not compiled ahead, or after the first answer. */
function loadCompiler(): Compiler {
  compiler ??= loadEngineScript(COMPILER_SCRIPT, { exported: "__descentCompiler" }) as Compiler;
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
  return loadEngineScript("kernel-layers.js", { exported: "__descentTfLayers", tf: true }) as Layers;
}

let tfForCells: ReturnType<typeof withLayers> | undefined;
/** `tf` as cells see it: tfjs-core plus the Layers API on first use. */
const cellTf = () => (tfForCells ??= withLayers(tfRuntime().tf, loadLayers));

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

function candidates(): BackendName[] {
  const webgl = tfRuntime().hasHardwareWebGL();
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
    const { tf, prepareBackend, probeBackends } = await instance.between(() => tfRuntime());
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
    post({ type: "kernel/backend", backend: activeBackend(), problem: error instanceof Error ? error.message : String(error) });
  }
}

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
  let problem: string | undefined;
  if (backend !== "auto" && backend !== "cpu") {
    // A learner or lesson that pins WebGL gets it even when the browser renders it in software.
    try {
      const { tf, prepareBackend } = tfRuntime();
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
    lazyGlobals: { tf: cellTf },
    memory,
    compiler: loadCompiler,
    ...(precompiled ? { precompiled } : {}),
  });
  post({ type: "kernel/ready", backend: activeBackend() });
  if (problem) post({ type: "kernel/backend", backend: activeBackend(), problem });
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
