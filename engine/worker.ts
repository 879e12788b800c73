/**
 * The kernel's Web Worker entry: one per lesson page. It keeps private handles on the message
 * channel, walls off everything else (see sandbox.ts), and then runs cells as the page asks.
 */
import * as tf from "@tensorflow/tfjs-core";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { hasHardwareWebGL, prepareBackend, probeBackends } from "./backends";
import { InterruptedError, Kernel } from "./kernel";
import { type Layers, withLayers } from "./layers";
import { createTensorMemory } from "./memory";
import { type BackendName, type FromKernel, type KernelInit, toKernelSchema } from "./protocol";
import { lockDown } from "./sandbox";
import { initTensors } from "./tensors";

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

// The WebGL backend is a separate script (see webgl-backend.ts), loaded only when needed.
const WEBGL_SCRIPT = new URL("/engine/kernel-webgl.js", self.location.href).href;
const privateImportScripts = self.importScripts.bind(self);
function loadWebGL() {
  if (tf.findBackendFactory("webgl")) return;
  Object.defineProperty(self, "__descentTfCore", { value: tf, configurable: true });
  try {
    privateImportScripts(WEBGL_SCRIPT);
  } finally {
    delete (self as { __descentTfCore?: unknown }).__descentTfCore;
  }
}

// The Layers API, loaded (synchronously, so `tf.sequential` is just there) on a cell's first use.
const LAYERS_SCRIPT = new URL("/engine/kernel-layers.js", self.location.href).href;
function loadLayers(): Layers {
  Object.defineProperty(self, "__descentTfCore", { value: tf, configurable: true });
  try {
    privateImportScripts(LAYERS_SCRIPT);
    const layers: unknown = Reflect.get(self, "__descentTfLayers");
    if (typeof layers !== "object" || layers === null) throw new Error("the Layers API script did not load");
    return layers as Layers;
  } finally {
    delete (self as { __descentTfCore?: unknown }).__descentTfCore;
    delete (self as { __descentTfLayers?: unknown }).__descentTfLayers;
  }
}

let kernel: Kernel | undefined;
let starting: Promise<Kernel> | undefined;

function configureTensors() {
  tf.env().platform.fetch = (path: string, init?: RequestInit) => wasmOnlyFetch(path, init);
  // Threaded WASM would start nested workers, which the sandbox forbids; the SIMD build is as fast here.
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
  setWasmPaths(WASM_PREFIX, true);
}

function candidates(): BackendName[] {
  const webgl = hasHardwareWebGL();
  if (webgl) loadWebGL();
  return [...(webgl ? (["webgl"] as const) : []), ...(typeof WebAssembly === "object" ? (["wasm"] as const) : []), "cpu"];
}

/** Moves a running kernel to the fastest backend, between cells. */
async function upgrade(instance: Kernel, cached: BackendName | undefined) {
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

async function start({ interruptBuffer, backend = "auto", cachedBackend }: KernelInit): Promise<Kernel> {
  configureTensors();
  await initTensors();
  let problem: string | undefined;
  if (backend !== "auto" && backend !== "cpu") {
    // A learner or lesson that pins WebGL gets it even when the browser renders it in software.
    try {
      if (backend === "webgl") {
        loadWebGL();
        tf.env().set("SOFTWARE_WEBGL_ENABLED", true);
      }
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
      void (starting ?? Promise.reject(new Error("kernel/execute before kernel/init"))).then(async (instance) =>
        post(await instance.execute(message)),
      );
      break;
    case "kernel/interrupt":
      kernel?.interrupt();
      break;
    case "grader/check":
      void (starting ?? Promise.reject(new Error("grader/check before kernel/init"))).then(async (instance) => post(await instance.check(message)));
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
