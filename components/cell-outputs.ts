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

export class CellOutputs extends ValueStore<CellRunView> {
  /** The output area's element, measured when a run starts. */
  element: HTMLElement | null = null;

  constructor() {
    super({ outputs: [], count: undefined });
  }

  /** A run starts: earlier output goes, the count shows `*`. */
  begin() {
    // The exact height, not offsetHeight's whole pixels: a box a fraction of a pixel shorter moves
    // everything below it, and Chromium then repaints the whole lesson.
    const height = this.element?.getBoundingClientRect().height ?? 0;
    this.set({ outputs: [], count: "*", ...(height > 0 ? { heldHeightPx: height } : {}) });
  }

  add(output: CellOutput) {
    const view = this.get();
    this.set({ ...view, outputs: appendOutput(view.outputs, output) });
  }

  /** The run is over: its count (or none, when it never ran), and a last output such as its error. */
  end(count: ExecutionCount, last?: CellOutput) {
    const { outputs } = this.get();
    this.set({ outputs: last ? appendOutput(outputs, last) : outputs, count });
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
