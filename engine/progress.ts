/**
 * `progress(total)`: a live progress bar for long loops, with the count, elapsed time and ETA.
 * The handle is also iterable: `for (const step of progress(1000)) { … }` counts itself.
 */
import { throttledDisplay, type DisplaySink } from "./live";
import type { MimeBundle } from "./mime";
import { PROGRESS_MIME } from "./rich";

export interface ProgressOptions {
  /** Text before the bar, e.g. "training". */
  label?: string;
}

export interface Progress extends Iterable<number> {
  /** Advances the bar by `n` (default 1). */
  tick(n?: number): void;
  /** Sets how many steps are done. */
  update(done: number): void;
  /** Marks the bar complete. */
  finish(): void;
  /**
   * A `model.fit` callback: pass `progress(epochs)` in `callbacks` and the bar counts epochs.
   * @example await model.fit(xs, ys, { epochs: 50, callbacks: [progress(50, { label: "fit" })] });
   */
  onEpochEnd(epoch: number): void;
}

export interface ProgressState {
  label: string;
  done: number;
  total: number;
  elapsedMs: number;
  /** Estimated milliseconds left; absent until there is a rate to go by. */
  etaMs?: number;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function progressText(state: ProgressState): string {
  const fraction = state.total > 0 ? Math.min(state.done / state.total, 1) : 0;
  const width = 20;
  const filled = Math.round(fraction * width);
  const bar = `${"█".repeat(filled)}${"░".repeat(width - filled)}`;
  const eta = state.etaMs === undefined ? "" : ` · ETA ${formatDuration(state.etaMs)}`;
  const label = state.label ? `${state.label} ` : "";
  return `${label}${bar} ${state.done}/${state.total} (${Math.round(fraction * 100)}%) · ${formatDuration(state.elapsedMs)} elapsed${eta}`;
}

export function progressBundle(state: ProgressState): MimeBundle {
  return { [PROGRESS_MIME]: state, "text/plain": progressText(state) };
}

export function createProgress(sink: DisplaySink) {
  return function progress(total: number, options: ProgressOptions = {}): Progress {
    if (!Number.isFinite(total) || total < 0) {
      throw new RangeError(`progress: total must be a number of steps (0 or more), got ${String(total)}`);
    }
    const started = Date.now();
    let done = 0;
    const state = (): ProgressState => {
      const elapsedMs = Date.now() - started;
      const etaMs = done > 0 && done < total ? (elapsedMs / done) * (total - done) : done >= total ? 0 : undefined;
      return { label: options.label ?? "", done, total, elapsedMs, ...(etaMs === undefined ? {} : { etaMs }) };
    };
    const changed = throttledDisplay(sink, () => progressBundle(state()));
    const handle: Progress = {
      tick(n = 1) {
        done = Math.min(done + n, total);
        changed();
      },
      update(value) {
        done = Math.max(0, Math.min(value, total));
        changed();
      },
      finish() {
        done = total;
        changed();
      },
      onEpochEnd(epoch) {
        handle.update(epoch + 1);
      },
      *[Symbol.iterator]() {
        for (let step = done; step < total; step++) {
          yield step;
          handle.tick();
        }
      },
    };
    return handle;
  };
}
