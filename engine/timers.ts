/**
 * The host's own timers, captured when the engine loads, before the kernel puts the cells' timers
 * (which it tracks, attributes and stops on Interrupt) in their place. Engine code uses these, so
 * stopping a cell's timers never stops the kernel's own (a live chart's last redraw, say). The
 * engine's extra scripts (TensorFlow.js and its backends) get them too: see engine-timers.ts.
 */
/** Animation frames exist in a browser's workers, not in Node. */
const scope = globalThis as typeof globalThis & {
  requestAnimationFrame?: (callback: (time: number) => void) => number;
  cancelAnimationFrame?: (handle: number) => void;
};
const frame = typeof scope.requestAnimationFrame === "function" ? scope.requestAnimationFrame.bind(scope) : undefined;
const cancelFrame = typeof scope.cancelAnimationFrame === "function" ? scope.cancelAnimationFrame.bind(scope) : undefined;

export const hostTimers = {
  setTimeout: globalThis.setTimeout.bind(globalThis),
  clearTimeout: globalThis.clearTimeout.bind(globalThis),
  setInterval: globalThis.setInterval.bind(globalThis),
  clearInterval: globalThis.clearInterval.bind(globalThis),
  ...(frame && cancelFrame ? { requestAnimationFrame: frame, cancelAnimationFrame: cancelFrame } : {}),
};

export type HostTimers = typeof hostTimers;
