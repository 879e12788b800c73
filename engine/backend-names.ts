/**
 * The tensor backends by name and where a page keeps the probe's choice: plain constants with no
 * schema library, so the lesson's inline script (components/early-runs.ts) and the page's first
 * bundle can use them without loading zod (engine/protocol.ts builds its schemas from these).
 */

/** The tensor backends, fastest-first when a GPU is real. Declared here (no tfjs) so pages and schemas can use them. */
export const BACKENDS = ["webgl", "wasm", "cpu"] as const;

/** Where the page remembers which backend the probe chose in this browser. */
export const BACKEND_CACHE_KEY = "descent:backend-probe:v1";

/**
 * The kernel's TensorFlow.js script (engine/tf-runtime.ts, loaded by the worker on first need) and the
 * global it leaves its runtime on for the worker; names only, so the worker bundle holds no tfjs.
 */
export const TF_SCRIPT = "kernel-tf.js";
export const TF_RUNTIME_GLOBAL = "__descentTfRuntime";

/**
 * The private global on which the worker hands its own timers to each engine script it loads (see
 * engine/engine-timers.ts): set just before the script loads, deleted right after.
 */
export const HOST_TIMERS_GLOBAL = "__descentHostTimers";
