"use client";

/**
 * One kernel per lesson page, shared by its cells: the kernel toolbar (status, Interrupt, Restart
 * kernel, Run all) and the registry that numbers cells in page order and runs them all.
 */
import { createContext, type ReactNode, type RefObject, useCallback, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import type { BackendPreference } from "@/engine/protocol";
import type { ExecuteOutcome, KernelClient, KernelState } from "@/engine/client";
import type { CellOutput } from "@/engine/protocol";
import { BACKEND_PIN_KEY, BACKEND_PREFERENCES as PREFERENCES, clearEarlyOutput, takeEarlyRuns } from "./early-runs";
import { RUNNING_SHOWN_AFTER_MS } from "./cell-outputs";
import { LateStore, ValueStore } from "./value-store";

export { BACKEND_PIN_KEY };

function readPin(): BackendPreference | undefined {
  try {
    const value = localStorage.getItem(BACKEND_PIN_KEY);
    return PREFERENCES.find((preference) => preference === value);
  } catch {
    return undefined;
  }
}

export interface CellHandle {
  element: HTMLElement | null;
  /**
   * Runs the cell and resolves when it has finished, with whether it succeeded. With `early`, the id
   * of a run the page's inline script already started in the kernel, the cell takes that run over.
   */
  run(early?: string): Promise<boolean>;
  code(): string;
  /** Whether the cell ran in this kernel's lifetime (it has an execution count). */
  hasRun(): boolean;
  /** The editor model's URI for this cell. */
  path: string;
}

interface NotebookApi {
  lesson: string;
  execute(cellName: string, code: string, onOutput: (output: CellOutput) => void, early?: string): Promise<ExecuteOutcome>;
  /** **Check**: grades exercise code against its visible tests in this page's kernel. */
  check: KernelClient["check"];
  /** Interrupts whatever the kernel is running. */
  interrupt(): void;
  register(id: string, handle: CellHandle): () => void;
  /** The registered cells' ids in page order: a cell reads its own number from it (useCellNumber). */
  order: ValueStore<readonly string[]>;
  /** Every registered cell, in page order. */
  cells(): { id: string; handle: CellHandle }[];
  /** Restarts the kernel, then re-runs the cells above `id` that had run. */
  restartAndRunAbove(id: string): Promise<void>;
}

const NotebookContext = createContext<NotebookApi | null>(null);

/** Whether the kernel can take work (idle or busy): it changes only when the kernel starts, dies or restarts. */
const KernelReadyContext = createContext(false);

export function useKernelReady(): boolean {
  return useContext(KernelReadyContext);
}

/**
 * A cell's 1-based position on the page once the notebook has put its cells in order, `before` until
 * then (an authored cell's number in the lesson, as the server rendered it). Only a cell whose number
 * changes re-renders when the order does: on a lesson as written, none.
 */
export function useCellNumber(id: string, before: number | undefined): number | undefined {
  const { order } = useNotebook();
  const numberNow = () => {
    const position = order.get().indexOf(id);
    return position === -1 ? before : position + 1;
  };
  return useSyncExternalStore(order.subscribe, numberNow, () => before);
}

/** The lesson of the notebook around a component, if there is one. */
export function useNotebookLesson(): string | undefined {
  return useContext(NotebookContext)?.lesson;
}

export function useNotebook(): NotebookApi {
  const api = useContext(NotebookContext);
  if (!api) throw new Error("A <Cell> must be inside a <Notebook>.");
  return api;
}

/**
 * The kernel client (and the message checks it brings) is not needed to show or hydrate the page: it
 * loads beside hydration, starting when this module runs. Runs asked for before it is there wait (and
 * the worker itself was started by the page's inline script).
 */
const kernelClientModule = typeof window === "undefined" ? undefined : import("@/engine/client");

function isReady({ status }: KernelState): boolean {
  return status === "idle" || status === "busy";
}

function pageOrder(entries: [string, CellHandle][]): string[] {
  return entries
    .sort(([, a], [, b]) => {
      if (!a.element || !b.element) return 0;
      return a.element.compareDocumentPosition(b.element) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    })
    .map(([id]) => id);
}

export function Notebook({
  lesson,
  kernelUrl,
  backend: lessonBackend = "auto",
  compiledCells,
  children,
}: {
  lesson: string;
  /** The kernel worker's script (engine/client's KERNEL_URL, passed by the page). */
  kernelUrl: string;
  /** Where the lesson's cells compiled at build time are (engine/compiler.ts compiledCellsUrl). */
  compiledCells?: string;
  backend?: BackendPreference;
  children: ReactNode;
}) {
  const client = useRef<KernelClient | null>(null);
  // Outside React state: a run changes it twice (busy, idle) and only the kernel bar shows that, so
  // only the bar re-renders; the notebook, and every cell in it, when the kernel becomes ready or not.
  const [kernelState] = useState(() => new ValueStore<KernelState>({ status: "starting" }));
  const ready = useSyncExternalStore(kernelState.subscribe, () => isReady(kernelState.get()), () => false);
  // What the kernel bar shows: "busy" only once a run has lasted long enough to be seen as running.
  const [shownState] = useState(() => new LateStore<KernelState>(kernelState.get(), ({ status }) => status === "busy", RUNNING_SHOWN_AFTER_MS));
  /** The backend the running kernel was asked for: the learner's pin, else the lesson's. */
  const [backend, setBackend] = useState<BackendPreference>(lessonBackend);
  const [pinVersion, setPinVersion] = useState(0);
  const chosen = useRef<BackendPreference | undefined>(undefined);
  const registry = useRef(new Map<string, CellHandle>());
  // Outside React state: numbering the cells after they mount must not re-render all of them.
  const [order] = useState(() => new ValueStore<readonly string[]>([]));
  const [runningAll, setRunningAll] = useState(false);
  /** Runs asked for before the kernel client exists (a click right after hydration) wait here. */
  const waiting = useRef<((instance: KernelClient) => void)[]>([]);

  /** The backend menu: a choice made in it before React hydrated fires no onChange, so it is read once on mount. */
  const backendMenu = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    const picked = backendMenu.current?.value as BackendPreference | undefined;
    // The server rendered the lesson's backend; anything else there was picked by the learner.
    if (picked && PREFERENCES.includes(picked) && picked !== lessonBackend) rememberPin(picked);
    // Once, before the kernel below starts with what it finds.
  }, []);

  useEffect(() => {
    const effective = chosen.current ?? readPin() ?? lessonBackend;
    setBackend(effective);
    let instance: KernelClient | undefined;
    let unsubscribe: (() => void) | undefined;
    let disposed = false;
    void kernelClientModule?.then(({ KernelClient: Client }) => {
      if (disposed) return;
      // Run clicks before now were the inline script's (components/early-runs.ts): adopt its worker
      // and runs, in click order; a cell it could only queue runs now.
      const early = takeEarlyRuns(kernelUrl);
      instance = new Client({ url: kernelUrl, backend: effective, ...(compiledCells ? { compiledCells } : {}), ...(early.kernel ? { adopt: early.kernel } : {}) });
      client.current = instance;
      unsubscribe = instance.subscribe((state) => {
        kernelState.set(state);
        shownState.offer(state);
      });
      for (const resume of waiting.current.splice(0)) resume(instance);
      for (const { cell, id } of early.clicks) {
        for (const handle of registry.current.values()) if (handle.element === cell) void handle.run(id);
        // The cell's output store shows the early output now; React renders it before the next paint.
        if (id !== undefined) clearEarlyOutput(cell);
      }
    });
    return () => {
      disposed = true;
      unsubscribe?.();
      instance?.dispose();
      client.current = null;
    };
  }, [lessonBackend, pinVersion, kernelUrl, compiledCells, kernelState, shownState]);

  function rememberPin(value: BackendPreference) {
    chosen.current = value;
    try {
      if (value === lessonBackend) localStorage.removeItem(BACKEND_PIN_KEY);
      else localStorage.setItem(BACKEND_PIN_KEY, value);
    } catch {
      // Without storage the choice lasts until the page is left.
    }
  }
  const choosePin = (value: BackendPreference) => {
    rememberPin(value);
    setPinVersion((version) => version + 1);
  };

  const renumber = useCallback(() => {
    const next = pageOrder([...registry.current.entries()]);
    const previous = order.get();
    if (previous.length !== next.length || previous.some((id, i) => id !== next[i])) order.set(next);
  }, [order]);

  const execute = useCallback<NotebookApi["execute"]>(
    (cellName, code, onOutput, early) =>
      client.current
        ? client.current.execute(cellName, code, onOutput, early)
        : new Promise((resolve) => waiting.current.push((instance) => resolve(instance.execute(cellName, code, onOutput)))),
    [],
  );

  const check = useCallback<NotebookApi["check"]>(
    (request, onOutput) =>
      client.current
        ? client.current.check(request, onOutput)
        : new Promise((resolve) => waiting.current.push((instance) => resolve(instance.check(request, onOutput)))),
    [],
  );
  const interrupt = useCallback(() => client.current?.interrupt(), []);

  const register = useCallback<NotebookApi["register"]>(
    (id, handle) => {
      registry.current.set(id, handle);
      queueMicrotask(renumber);
      return () => {
        registry.current.delete(id);
        queueMicrotask(renumber);
      };
    },
    [renumber],
  );

  const cells = useCallback<NotebookApi["cells"]>(
    () =>
      pageOrder([...registry.current.entries()]).flatMap((id) => {
        const handle = registry.current.get(id);
        return handle ? [{ id, handle }] : [];
      }),
    [],
  );

  const restartAndRunAbove = useCallback<NotebookApi["restartAndRunAbove"]>(
    async (id) => {
      const all = cells();
      const position = all.findIndex((entry) => entry.id === id);
      const above = all.slice(0, Math.max(position, 0)).filter(({ handle }) => handle.hasRun());
      // Queue the re-runs right away (the client holds them until the new kernel is ready), so a
      // cell the learner runs meanwhile goes after them.
      const restarted = client.current?.restart();
      const reruns = above.map(({ handle }) => handle.run());
      await Promise.all([restarted, ...reruns]);
    },
    [cells],
  );

  const api = useMemo<NotebookApi>(
    () => ({
      lesson,
      execute,
      check,
      interrupt,
      register,
      cells,
      restartAndRunAbove,
      order,
    }),
    [lesson, order, execute, check, interrupt, register, cells, restartAndRunAbove],
  );

  const runAll = async () => {
    setRunningAll(true);
    try {
      for (const { handle } of api.cells()) {
        if (!(await handle.run())) break;
      }
    } finally {
      setRunningAll(false);
    }
  };

  return (
    <NotebookContext.Provider value={api}>
      <KernelReadyContext.Provider value={ready}>
        <KernelBar
          state={shownState}
          runningAll={runningAll}
          onRunAll={() => void runAll()}
          onInterrupt={() => client.current?.interrupt()}
          onRestart={() => void client.current?.restart()}
          backend={backend}
          backendMenu={backendMenu}
          onPin={choosePin}
        />
        <div className="notebook">{children}</div>
      </KernelReadyContext.Provider>
    </NotebookContext.Provider>
  );
}

/** The kernel toolbar: status, Run all, Interrupt, Restart kernel and the backend menu. */
function KernelBar({
  state,
  runningAll,
  onRunAll,
  onInterrupt,
  onRestart,
  backend,
  backendMenu,
  onPin,
}: {
  state: ValueStore<KernelState>;
  runningAll: boolean;
  onRunAll: () => void;
  onInterrupt: () => void;
  onRestart: () => void;
  backend: BackendPreference;
  backendMenu: RefObject<HTMLSelectElement | null>;
  onPin: (value: BackendPreference) => void;
}) {
  const kernel = useSyncExternalStore(state.subscribe, state.get, state.get);
  const busy = kernel.status === "busy" || runningAll;
  return (
    <div className="kernel-bar" role="toolbar" aria-label="Kernel">
      <span role="status" aria-label="Kernel status" className={`kernel-status kernel-${kernel.status}`}>
        <span className="dot" aria-hidden="true" />
        {kernel.status}
        {kernel.backend ? ` · ${kernel.backend}` : ""}
      </span>
      <button type="button" onClick={onRunAll} disabled={runningAll}>
        Run all
      </button>
      {/* Enabled when idle too: it stops the timers and callbacks that earlier cells left running. */}
      <button type="button" onClick={onInterrupt} disabled={!busy && kernel.status !== "idle"}>
        Interrupt
      </button>
      <button type="button" onClick={onRestart}>
        Restart kernel
      </button>
      <label className="backend-pin">
        Backend{" "}
        <select ref={backendMenu} value={backend} onChange={(event) => onPin(event.target.value as BackendPreference)}>
          {PREFERENCES.map((preference) => (
            <option key={preference} value={preference}>
              {preference === "auto" ? "auto (fastest)" : preference}
            </option>
          ))}
        </select>
      </label>
      {kernel.notice ? (
        <span className="kernel-notice" role="note" aria-label="Kernel notice">
          {kernel.notice}
        </span>
      ) : null}
    </div>
  );
}
