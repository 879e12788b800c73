/**
 * TensorFlow.js for the browser kernel, as a script of its own (public/engine/kernel-tf.js, built by
 * scripts/build-engine.mjs): tfjs-core with its chained ops and gradients, the CPU backend, and what
 * the kernel does with them. The worker (worker.ts) loads it synchronously the first time anything
 * needs `tf` (a cell that touches it, a pinned backend, the backend probe after the first answer), so a
 * lesson's first cells, which rarely use tensors, answer before ~400 KB of tfjs is compiled and run.
 */
import * as tf from "@tensorflow/tfjs-core";
import { TF_RUNTIME_GLOBAL } from "./backend-names";
import { hasHardwareWebGL, prepareBackend, probeBackends } from "./backends";
import { initTensors } from "./tensors";

const runtime = { tf, hasHardwareWebGL, prepareBackend, probeBackends, initTensors };

export type TfRuntime = typeof runtime;

Object.defineProperty(self, TF_RUNTIME_GLOBAL, { value: runtime, configurable: true });
