/**
 * Injected by scripts/build-engine.mjs into every engine script the worker loads after the kernel
 * has started (TensorFlow.js, its WebGL and WASM backends, the Layers API): inside those scripts,
 * `setTimeout` and the other timers are the host's, handed over by the worker on a private global
 * while the script loads (HOST_TIMERS_GLOBAL), not the cells' ones the kernel put on the global scope.
 *
 * Why: the cells' timers belong to the run that is current when they are set, and Interrupt clears
 * them. tfjs sets timers of its own (WebGL's `data()` polls its fence with setTimeout; a backend's
 * start may wait on one), often between cells, when the last run is still the current one. An
 * Interrupt then cleared them, the promise waiting on them never settled, and the backend probe, which
 * the kernel runs between cells, held every later run back: the kernel stayed busy for good.
 */
import { HOST_TIMERS_GLOBAL } from "./backend-names";
import type { HostTimers } from "./timers";

const host = Reflect.get(self, HOST_TIMERS_GLOBAL) as HostTimers | undefined;
if (!host) throw new Error(`an engine script was loaded without the worker's timers (${HOST_TIMERS_GLOBAL}): load it through engine/worker.ts`);

// Already bound to the worker's global scope. Animation frames may be missing (then undefined, as the global would be).
export const { setTimeout, clearTimeout, setInterval, clearInterval, requestAnimationFrame, cancelAnimationFrame } = host;
