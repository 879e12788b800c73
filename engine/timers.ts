/**
 * The host's own timers, captured when the engine loads, before the kernel puts the cells' timers
 * (which it tracks, attributes and stops on Interrupt) in their place. Engine code uses these, so
 * stopping a cell's timers never stops the kernel's own (a live chart's last redraw, say).
 */
export const hostTimers = {
  setTimeout: globalThis.setTimeout.bind(globalThis),
  clearTimeout: globalThis.clearTimeout.bind(globalThis),
};
