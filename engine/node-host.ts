/**
 * The kernel in Node: cells run in a fresh `vm` context, with the same runtime as in the browser.
 * Used by the tests and the tooling; it is not a security boundary (untrusted code is graded
 * elsewhere, in a sandbox of its own).
 */
import { createRequire } from "node:module";
import { createContext, runInContext } from "node:vm";
import type { Compiler, PrecompiledCell } from "./compiler";
import { Kernel } from "./kernel";
import { type Layers, withLayers } from "./layers";
import { createTensorMemory } from "./memory";
import type { KernelOutput } from "./protocol";
import { initTensors } from "./tensors";
import * as compiler from "./transpile";

export interface NodeKernel {
  kernel: Kernel;
  backend: string;
  /** Every stream and display message, in order. */
  outputs: KernelOutput[];
  interruptFlag: Int32Array;
  /** The cells' global scope. */
  scope: Record<string, unknown>;
}

/** The backends the kernel can use in Node (WebGL needs a browser). */
export const NODE_BACKENDS = ["cpu", "wasm"] as const;

export interface NodeKernelOptions {
  backend?: (typeof NODE_BACKENDS)[number];
  /**
   * Enumerable globals the host keeps in the cells' scope before any cell runs, as a browser worker
   * has tfjs's own state (`_tfengine`, `_tfGlobals`) on its global object.
   */
  hostGlobals?: Record<string, unknown>;
  /** Cells compiled ahead of time, by source, as a lesson page gives the browser's kernel. */
  precompiled?: ReadonlyMap<string, PrecompiledCell>;
  /** The transpiler (default: engine/transpile.ts itself). */
  compiler?: Compiler;
}

export async function startNodeKernel(options: NodeKernelOptions = {}): Promise<NodeKernel> {
  const { tf } = await initTensors();
  if (options.backend === "wasm") {
    await import("@tensorflow/tfjs-backend-wasm");
    await tf.setBackend("wasm");
    await tf.ready();
  }
  const backend = tf.getBackend();
  const context = createContext({ Atomics, SharedArrayBuffer, setTimeout, clearTimeout, setInterval, clearInterval, ...options.hostGlobals });
  const scope = runInContext("globalThis", context) as Record<string, unknown>;
  const outputs: KernelOutput[] = [];
  const interruptFlag = new Int32Array(new SharedArrayBuffer(4));
  const kernel = new Kernel({
    scope,
    evaluate: (js, filename) => runInContext(js, context, { filename }),
    emit: (event) => outputs.push(event),
    interruptFlag,
    globals: { tf: withLayers(tf, () => createRequire(import.meta.url)("@tensorflow/tfjs-layers") as Layers) },
    memory: createTensorMemory(tf),
    compiler: () => options.compiler ?? compiler,
    ...(options.precompiled ? { precompiled: Promise.resolve(options.precompiled) } : {}),
  });
  return { kernel, backend, outputs, interruptFlag, scope };
}
