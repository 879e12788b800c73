/**
 * One cell's run state (its outputs and execution count) as a small store outside React state, so
 * that a run re-renders only the output area and the gutter, never the cell with its editor. Store
 * updates are rendered synchronously (useSyncExternalStore), so output from the worker reaches the
 * DOM in the task that received it, with no scheduler hop in between.
 */
import type { CellOutput } from "@/engine/protocol";
import { ValueStore } from "./value-store";

/** A run's number once it has one, `*` while it runs, nothing before the first run. */
export type ExecutionCount = number | "*" | undefined;

export interface CellRunView {
  outputs: readonly CellOutput[];
  count: ExecutionCount;
  /**
   * While a run goes on: the height its previous output had, kept so the page below does not jump
   * up and back (a relayout and repaint of the whole lesson) when a re-run gives output of the same
   * size, however many messages it comes in. Output that grows past it grows the box.
   */
  heldHeightPx?: number;
}

/**
 * How long a run goes before the page shows that it runs (`[*]`, its earlier output cleared, the kernel
 * busy). A run that answers sooner goes from its previous output straight to the new one: one change
 * to the page, one frame to draw, no flash of an empty cell. Well under what a learner notices.
 */
export const RUNNING_SHOWN_AFTER_MS = 50;

export class CellOutputs extends ValueStore<CellRunView> {
  /** The output area's element, measured when a run starts. */
  element: HTMLElement | null = null;
  /** A run that has started but is not shown yet: what the page shows once it is, and the timer that shows it. */
  private starting: { view: CellRunView; timer: ReturnType<typeof setTimeout> } | undefined;

  constructor() {
    super({ outputs: [], count: undefined });
  }

  /**
   * A run starts: earlier output goes and the count shows `*`, once the run has lasted
   * RUNNING_SHOWN_AFTER_MS or sends its first output, whichever comes first.
   */
  begin() {
    // The exact height, not offsetHeight's whole pixels: a box a fraction of a pixel shorter moves
    // everything below it, and Chromium then repaints the whole lesson.
    const height = this.element?.getBoundingClientRect().height ?? 0;
    const view: CellRunView = { outputs: [], count: "*", ...(height > 0 ? { heldHeightPx: height } : {}) };
    if (this.starting) clearTimeout(this.starting.timer);
    const timer = setTimeout(() => this.set(this.started()), RUNNING_SHOWN_AFTER_MS);
    this.starting = { view, timer };
  }

  add(output: CellOutput) {
    const view = this.started();
    this.set({ ...view, outputs: appendOutput(view.outputs, output) });
  }

  /** The run is over: its count (or none, when it never ran), and a last output such as its error. */
  end(count: ExecutionCount, last?: CellOutput) {
    const { outputs } = this.started();
    this.set({ outputs: last ? appendOutput(outputs, last) : outputs, count });
  }

  /** The view of the run as it has started: the one not shown yet, if any, else what is shown. */
  private started(): CellRunView {
    if (!this.starting) return this.get();
    const { view, timer } = this.starting;
    clearTimeout(timer);
    this.starting = undefined;
    return view;
  }
}

/** Consecutive text on the same stream is merged, so a chatty loop makes one block, not thousands. */
function appendOutput(previous: readonly CellOutput[], output: CellOutput): CellOutput[] {
  if (output.kind === "update") {
    // A live chart or progress bar redraws in place.
    return previous.map((item) =>
      item.kind === "display" && item.displayId === output.displayId ? { ...item, data: output.data } : item,
    );
  }
  const last = previous[previous.length - 1];
  if (output.kind === "stream" && last?.kind === "stream" && last.name === output.name) {
    return [...previous.slice(0, -1), { ...last, text: last.text + output.text }];
  }
  return [...previous, output];
}
