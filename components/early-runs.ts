/**
 * Run before hydration. The lesson's HTML shows its cells and their Run buttons long before React
 * has hydrated them (on a slow phone, seconds). An inline script (earlyRunScript) starts the kernel
 * worker while the HTML parses and takes Run clicks from the first paint on: it runs the cell's code
 * (the text the learner sees) in that worker at once and writes its output, as text, into the cell's
 * output area, in a box React leaves alone (`.cell-early`). When the notebook's kernel client loads,
 * it adopts that worker, with the variables those runs defined, the runs still going and every message
 * the worker sent (takeEarlyRuns); each cell then takes its early run over, and its output store shows
 * the same output in the same task the early box is emptied: no flash, no duplicate, nothing lost.
 * A cell the script cannot run itself (the learner's edited copy is stored in this browser, or there is
 * no worker) is only marked queued (data-queued) and run by the notebook once it is there, in click order.
 */
import { BACKEND_CACHE_KEY, BACKENDS } from "@/engine/backend-names";
import type { AdoptedKernel } from "@/engine/client";
import type { BackendPreference, CellError } from "@/engine/protocol";

/** Where the inline script keeps what it did and how to stop it. */
const EARLY_RUNS = "__descentEarlyRuns";
/** Where the boot script (kernelBootScript) leaves the kernel worker it started, for the inline script. */
const BOOT_SLOT = "__descentKernelWorker";
/** Set on a cell's section while its run waits for the page; the notebook removes it. */
export const QUEUED_ATTRIBUTE = "data-queued";
/** Where a learner's own backend choice is kept; it wins over the lesson's. */
export const BACKEND_PIN_KEY = "descent:backend-pin";
/** The backend menu's choices, in its order. */
export const BACKEND_PREFERENCES: readonly BackendPreference[] = ["auto", "wasm", "webgl", "cpu"];
/** Where this browser keeps a lesson's edited authored cells, before the cell's index. */
const cellCopyPrefix = (lesson: string) => `descent:cell:v1:${lesson}:`;
/** An authored cell's edited code in this browser (components/Cell.tsx). */
export const cellCopyKey = (lesson: string, index: number) => `${cellCopyPrefix(lesson)}${index}`;
/** The box in a cell's output area that the inline script writes into and React renders empty. */
export const EARLY_OUTPUT_CLASS = "cell-early";

/** Where an error happened, as the output area shows it after the message: " (line 2, column 5)". */
export function errorPlace(error: CellError): string {
  const where = error.line !== undefined ? ` (line ${error.line}, column ${error.column ?? 1})` : "";
  return where && !error.message.includes(`line ${error.line},`) ? where : "";
}

interface EarlyRunsConfig {
  slot: string;
  bootSlot: string;
  url: string;
  lesson: string;
  /** Where the lesson's compiled cells are, for the kernel/init. */
  compiledCells: string;
  /** The lesson's backend; the learner's pin (pinKey) wins. */
  backend: BackendPreference;
  preferences: readonly string[];
  backendNames: readonly string[];
  pinKey: string;
  probeKey: string;
  copyKey: string;
  queued: string;
  early: string;
}

/** One click on Run before the notebook took over: run here (with an id) or queued for the notebook. */
interface EarlyClick {
  cell: Element;
  run?: { id: string; cellName: string; code: string; posted: boolean };
}

/** What the inline script leaves on window for takeEarlyRuns. */
interface EarlySlot {
  url: string;
  worker?: Worker;
  init?: Record<string, unknown>;
  messages: unknown[];
  clicks: EarlyClick[];
  stop(): void;
}

/**
 * The inline script itself, serialized with Function.prototype.toString: it must use nothing but its
 * arguments and the browser's globals. `place` is errorPlace, passed in the same way.
 */
function earlyRuns(c: EarlyRunsConfig, place: typeof errorPlace) {
  const clicks: EarlyClick[] = [];
  const messages: unknown[] = [];
  const latest = new Map<Element, string>();
  // The boot script has usually started the worker already; if not, start it here (and tell the boot script).
  const booted: unknown = Reflect.get(window, c.bootSlot);
  let worker: Worker | undefined = booted instanceof Worker ? booted : undefined;
  try {
    worker ??= new Worker(c.url, { name: "descent-kernel" });
  } catch {
    worker = undefined;
  }
  Reflect.set(window, c.bootSlot, worker ?? null);
  const slot: EarlySlot = { url: c.url, worker, messages, clicks, stop: () => undefined };
  const read = (key: string) => {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  };
  const startKernel = (kernel: Worker) => {
    if (slot.init) return;
    const pin = read(c.pinKey);
    const backend = pin !== null && c.preferences.includes(pin) ? pin : c.backend;
    let cachedBackend: string | undefined;
    try {
      const cached = JSON.parse(read(c.probeKey) ?? "null") as { chosen?: unknown; userAgent?: unknown } | null;
      if (backend === "auto" && cached && cached.userAgent === navigator.userAgent && typeof cached.chosen === "string" && c.backendNames.includes(cached.chosen)) {
        cachedBackend = cached.chosen;
      }
    } catch {
      cachedBackend = undefined;
    }
    const isolated = typeof SharedArrayBuffer !== "undefined" && globalThis.crossOriginIsolated === true;
    slot.init = { type: "kernel/init", backend, compiledCells: c.compiledCells, ...(cachedBackend ? { cachedBackend } : {}), ...(isolated ? { interruptBuffer: new SharedArrayBuffer(4) } : {}) };
    kernel.postMessage(slot.init);
  };
  const runs = () => clicks.flatMap((click) => (click.run ? [{ cell: click.cell, run: click.run }] : []));
  /** The kernel runs cells one at a time; so does this script, so that Interrupt can still cancel what waits. */
  const running = new Set<string>();
  const next = () => {
    const waiting = runs().find(({ run }) => !run.posted);
    if (!worker || !waiting || running.size > 0) return;
    waiting.run.posted = true;
    running.add(waiting.run.id);
    gutter(waiting.cell, "*");
    worker.postMessage({ type: "kernel/execute", id: waiting.run.id, cellName: waiting.run.cellName, code: waiting.run.code });
  };
  const gutter = (cell: Element, count: string) => {
    const element = cell.querySelector('[aria-label="Execution count"]');
    if (!element) return;
    element.textContent = `[${count}]`;
    if (count === "*") element.setAttribute("data-running", "true");
    else element.removeAttribute("data-running");
  };
  const box = (id: unknown) => {
    const found = runs().find(({ run }) => run.id === id);
    return found && latest.get(found.cell) === id ? { cell: found.cell, element: found.cell.querySelector(`.${c.early}`) } : undefined;
  };
  const text = (className: string, content: string) => {
    const pre = document.createElement("pre");
    pre.className = className;
    pre.textContent = content;
    return pre;
  };
  const plain = (data: unknown) => {
    const value = data && typeof data === "object" ? (data as Record<string, unknown>)["text/plain"] : undefined;
    return typeof value === "string" ? value : undefined;
  };
  const show = (message: Record<string, unknown>) => {
    const target = box(message.id);
    const element = target?.element;
    if (!target || !element) return;
    if (message.type === "kernel/stream" && typeof message.text === "string") {
      const last = element.lastElementChild;
      const className = `stream ${String(message.name)}`;
      if (last && last.className === className) last.textContent += message.text;
      else element.append(text(className, message.text));
    } else if (message.type === "kernel/display" && plain(message.data) !== undefined) {
      const pre = text("display", plain(message.data) ?? "");
      if (typeof message.displayId === "string") pre.dataset.displayId = message.displayId;
      element.append(pre);
    } else if (message.type === "kernel/update-display") {
      for (const pre of element.querySelectorAll("pre[data-display-id]")) {
        if (pre instanceof HTMLElement && pre.dataset.displayId === message.displayId) pre.textContent = plain(message.data) ?? "";
      }
    } else if (message.type === "kernel/execute-reply") {
      if (message.status === "ok" && plain(message.result) !== undefined) element.append(text("result", plain(message.result) ?? ""));
      const error = message.error as CellError | undefined;
      if (message.status === "error" && error && typeof error.name === "string") {
        const pre = text("error", "");
        const strong = document.createElement("strong");
        strong.textContent = `${error.name}: ${error.message}`;
        pre.append(strong, `${place(error)}${error.stack ? `\n${error.stack}` : ""}`);
        element.append(pre);
      }
      gutter(target.cell, typeof message.executionCount === "number" ? String(message.executionCount) : " ");
    }
  };
  const onMessage = (event: MessageEvent) => {
    messages.push(event.data);
    const message = event.data as Record<string, unknown> | null;
    if (!message || typeof message !== "object") return;
    show(message);
    if (message.type === "kernel/execute-reply" && running.delete(String(message.id))) next();
  };
  worker?.addEventListener("message", onMessage);
  const onClick = (event: MouseEvent) => {
    const button = event.target instanceof Element && event.target.closest('button[aria-label="Run cell"]');
    const cell = button && button.closest("section.cell");
    if (!cell) return;
    event.stopImmediatePropagation();
    event.preventDefault();
    const number = /^Code cell (\d+)$/.exec(cell.getAttribute("aria-label") ?? "")?.[1];
    const code = cell.querySelector(".cell-static")?.textContent;
    const early = cell.querySelector(`.${c.early}`);
    if (!worker || !number || code == null || !early || read(`${c.copyKey}${number}`) !== null) {
      cell.setAttribute(c.queued, "");
      clicks.push({ cell });
      return;
    }
    startKernel(worker);
    const id = `early-${clicks.length + 1}`;
    clicks.push({ cell, run: { id, cellName: `cell-${number}`, code, posted: false } });
    latest.set(cell, id);
    early.replaceChildren();
    next();
  };
  window.addEventListener("click", onClick, true);
  slot.stop = () => {
    window.removeEventListener("click", onClick, true);
    worker?.removeEventListener("message", onMessage);
  };
  Reflect.set(window, c.slot, slot);
}

/**
 * Starts the kernel worker, as the script of its own it is given to (kernelBootScript): an async
 * script runs as soon as it is there, while the inline script below waits for the page's style sheets
 * (the HTML spec holds every parser-inserted script until they are loaded), which was the first
 * ~150-250 ms of a cold start. Only while the document is loading: after a client-side navigation the
 * notebook starts its own kernel, and a worker started here would have no owner.
 */
function bootKernel(url: string, slot: string) {
  if (document.readyState !== "loading" || Reflect.get(window, slot) !== undefined) return;
  try {
    Reflect.set(window, slot, new Worker(url, { name: "descent-kernel" }));
  } catch {
    // The inline script tries again, and the notebook after it.
  }
}

/** The boot script's source, as a `data:` URL for an async `<script>` in the lesson's head: it needs no request. */
export function kernelBootScript(url: string): string {
  return `data:text/javascript,${encodeURIComponent(`(${bootKernel.toString()})(${JSON.stringify(url)},${JSON.stringify(BOOT_SLOT)})`)}`;
}

/** The inline script for the lesson page, before its content: it must run before any cell is there. */
export function earlyRunScript({ url, lesson, backend, compiledCells }: { url: string; lesson: string; backend: BackendPreference; compiledCells: string }): string {
  const config: EarlyRunsConfig = {
    slot: EARLY_RUNS,
    bootSlot: BOOT_SLOT,
    url,
    lesson,
    compiledCells,
    backend,
    preferences: BACKEND_PREFERENCES,
    backendNames: BACKENDS,
    pinKey: BACKEND_PIN_KEY,
    probeKey: BACKEND_CACHE_KEY,
    copyKey: cellCopyPrefix(lesson),
    queued: QUEUED_ATTRIBUTE,
    early: EARLY_OUTPUT_CLASS,
  };
  return `try{(${earlyRuns.toString()})(${JSON.stringify(config)},${errorPlace.toString()})}catch(e){}`;
}

/** What the notebook takes over from the inline script. */
export interface EarlyRuns {
  /** The worker with the kernel the early runs ran in, for the kernel client to adopt. */
  kernel?: AdoptedKernel;
  /** Each Run click, in order: `id` names a run already in the adopted kernel; without it, run the cell now. */
  clicks: { cell: Element; id?: string }[];
}

function isSlot(value: unknown): value is EarlySlot {
  return typeof value === "object" && value !== null && Array.isArray(Reflect.get(value, "clicks")) && Array.isArray(Reflect.get(value, "messages"));
}

/** Stops the inline script and returns what it did; the early output boxes are left for `clearEarlyOutput`. */
export function takeEarlyRuns(url: string): EarlyRuns {
  const slot: unknown = Reflect.get(globalThis, EARLY_RUNS);
  if (!isSlot(slot)) return { clicks: [] };
  Reflect.deleteProperty(globalThis, EARLY_RUNS);
  slot.stop();
  const clicks = slot.clicks.filter((click) => click.cell instanceof Element);
  for (const { cell } of clicks) cell.removeAttribute(QUEUED_ATTRIBUTE);
  const worker = slot.url === url && typeof Worker !== "undefined" && slot.worker instanceof Worker ? slot.worker : undefined;
  if (!worker) {
    slot.worker?.terminate();
    return { clicks: clicks.map(({ cell }) => ({ cell })) };
  }
  const runs = clicks.flatMap((click) => (click.run ? [click.run] : []));
  return {
    kernel: { worker, messages: slot.messages, runs, ...(slot.init ? { init: slot.init } : {}) },
    clicks: clicks.map(({ cell, run }) => ({ cell, ...(run ? { id: run.id } : {}) })),
  };
}

/** Empties a cell's early output box, once its output store shows the same output. */
export function clearEarlyOutput(cell: Element) {
  cell.querySelector(`.${EARLY_OUTPUT_CLASS}`)?.replaceChildren();
}
