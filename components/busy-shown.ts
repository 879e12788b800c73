/**
 * A run that is over quickly changes the page once, when its output is there: that it runs (a cell's
 * `[*]` and its old output going, the kernel's "busy") shows only once it has lasted
 * BUSY_SHOWN_AFTER_MS. So a quick re-run replaces its output in place, without a flash of an empty
 * cell, and the browser has no frame to draw between the click and the worker's answer (a frame of a
 * long lesson takes ~10 ms, and the answer waited for it).
 */
import type { KernelState } from "@/engine/client";

/** How long a run may take before the page shows that it runs. */
export const BUSY_SHOWN_AFTER_MS = 100;

/**
 * Passes the kernel's states on to `show`, except a run's "busy" after "idle": that is passed on once
 * it has lasted BUSY_SHOWN_AFTER_MS. A state equal to the one shown is not passed on again. `stop`
 * drops a busy not shown yet.
 */
export function showKernelState(show: (state: KernelState) => void): { listener: (state: KernelState) => void; stop: () => void } {
  let shown: KernelState | undefined;
  let pending: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    clearTimeout(pending);
    pending = undefined;
  };
  const listener = (state: KernelState) => {
    stop();
    if (shown && sameState(shown, state)) return;
    if (shown?.status === "idle" && sameState({ ...shown, status: "busy" }, state)) {
      pending = setTimeout(() => {
        pending = undefined;
        shown = state;
        show(state);
      }, BUSY_SHOWN_AFTER_MS);
      return;
    }
    shown = state;
    show(state);
  };
  return { listener, stop };
}

function sameState(a: KernelState, b: KernelState): boolean {
  return a.status === b.status && a.backend === b.backend && a.notice === b.notice;
}
