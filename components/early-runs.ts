/**
 * Run before hydration. The lesson's HTML shows its cells and their Run buttons long before React
 * has hydrated them (on a slow phone, seconds). An inline script (earlyRunScript) catches Run clicks
 * from the first paint on, marks the cell as queued, and keeps the cells in click order; the notebook
 * takes them over once it is hydrated (takeEarlyRuns) and runs them, each once, in that order. The
 * kernel itself is already starting by then (the page's prestart script).
 */

/** Where the inline script keeps the queued cells and how to stop it. */
const EARLY_RUNS = "__descentEarlyRuns";
/** Set on a cell's section while its run waits for the page; the notebook removes it. */
export const QUEUED_ATTRIBUTE = "data-queued";

/**
 * Listens on window in the capture phase, so it sees the click before React's own listener (on the
 * root, from the start of hydration) and stops it there: a click is run by exactly one of the two.
 */
export const earlyRunScript = `(() => {
  const queue = [];
  const onClick = (event) => {
    const button = event.target instanceof Element && event.target.closest('button[aria-label="Run cell"]');
    const cell = button && button.closest("section.cell");
    if (!cell) return;
    event.stopImmediatePropagation();
    event.preventDefault();
    cell.setAttribute(${JSON.stringify(QUEUED_ATTRIBUTE)}, "");
    queue.push(cell);
  };
  window.addEventListener("click", onClick, true);
  window.${EARLY_RUNS} = { queue, stop: () => window.removeEventListener("click", onClick, true) };
})();`;

/** Stops the inline script and returns the cells clicked before hydration, in click order. */
export function takeEarlyRuns(): Element[] {
  const slot = (globalThis as Record<string, unknown>)[EARLY_RUNS] as { queue?: unknown; stop?: unknown } | undefined;
  if (!slot) return [];
  delete (globalThis as Record<string, unknown>)[EARLY_RUNS];
  if (typeof slot.stop === "function") slot.stop();
  const queue = Array.isArray(slot.queue) ? slot.queue.filter((cell): cell is Element => cell instanceof Element) : [];
  for (const cell of queue) cell.removeAttribute(QUEUED_ATTRIBUTE);
  return queue;
}
