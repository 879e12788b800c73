/**
 * Displays that change while a cell runs (live charts, progress bars). Updates are coalesced so the
 * page redraws at most about ten times a second, however fast a training loop pushes; the last
 * state is always delivered, by a timer that fires as soon as a busy loop lets go.
 */
import type { MimeBundle } from "./mime";
import { hostTimers } from "./timers";

export interface DisplaySink {
  /** Shows a bundle under the running cell. */
  show(bundle: MimeBundle): void;
  /** Shows a bundle that can be replaced later; returns the function that replaces it. */
  showLive(bundle: MimeBundle): (bundle: MimeBundle) => void;
}

export const LIVE_INTERVAL_MS = 100;

/** Returns `changed()`: call it on every change; `render` runs only when an update is sent. */
export function throttledDisplay(sink: DisplaySink, render: () => MimeBundle, intervalMs = LIVE_INTERVAL_MS) {
  const replace = sink.showLive(render());
  let last = Date.now();
  let timer: ReturnType<typeof hostTimers.setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    last = Date.now();
    replace(render());
  };
  return function changed() {
    const wait = intervalMs - (Date.now() - last);
    if (wait <= 0) {
      if (timer !== undefined) hostTimers.clearTimeout(timer);
      flush();
    } else {
      timer ??= hostTimers.setTimeout(flush, wait);
    }
  };
}
