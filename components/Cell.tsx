"use client";

/**
 * A code cell: highlighted code that runs at once (the editor loads only when the learner starts
 * editing), its execution counter, and its output.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import type { CellOutput } from "@/engine/protocol";
import { CellOutputs } from "./cell-outputs";
import { EditableCode } from "./editor/EditableCode";
import { useCellNumber, useNotebook } from "./Notebook";
import { DraftNotice } from "./DraftNotice";
import { cellCopyKey } from "./early-runs";
import { type BrowserCopy, useEditedCode } from "./drafts";
import { RunCount, RunOutput } from "./OutputArea";
import { progressStore } from "./progress-store";
import { sectionOf } from "./section-of";

export interface CellProps {
  /** The cell's source, as written in the lesson. */
  code: string;
  /** The key of the source highlighted at build time, in the page's HTML (components/LessonCell.tsx); absent for scratch cells. */
  htmlKey?: string;
  /** Position among the lesson's authored cells, for the first render before the page is measured. */
  index?: number;
}

export function Cell({ code: initialCode, htmlKey, index }: CellProps) {
  const notebook = useNotebook();
  const { execute, register } = notebook;
  const id = useId();
  const section = useRef<HTMLElement>(null);
  const [outputs] = useState(() => new CellOutputs());
  const [scratch, setScratch] = useState<number[]>([]);
  const number = useCellNumber(id, index);
  const cellName = `cell-${number ?? "new"}`;
  const path = `file:///cells/${id.replace(/[^\w-]/g, "")}.ts`;

  // A learner's edits to an authored cell are kept in this browser, so they are there next visit.
  const storageKey = index !== undefined ? cellCopyKey(notebook.lesson, index) : undefined;
  const copy = useMemo(() => (storageKey ? localCopy(storageKey, initialCode) : undefined), [storageKey, initialCode]);
  const { code, current: codeRef, edit, reset, resets, draft } = useEditedCode({
    lesson: notebook.lesson,
    draftKey: index !== undefined ? `cell:${index}` : undefined,
    initial: initialCode,
    copy,
  });

  /** Counts this cell's runs: late output from a timer of an earlier run is not mixed into a newer one. */
  const runs = useRef(0);
  const run = useCallback(async (early?: string): Promise<boolean> => {
    const thisRun = ++runs.current;
    const onOutput = (output: CellOutput) => {
      if (runs.current === thisRun) outputs.add(output);
    };
    // A run the inline script started hands over its output at once; any other is sent to the worker
    // first, so the worker runs it while the page shows that it started.
    if (early !== undefined) outputs.begin();
    const started = execute(cellName, codeRef.current, onOutput, early);
    if (early === undefined) outputs.begin();
    const outcome = await started;
    switch (outcome.status) {
      case "ok":
        outputs.end(outcome.executionCount);
        if (index !== undefined) progressStore.cellRan(notebook.lesson, index, sectionOf(section.current));
        return true;
      case "error":
        outputs.end(outcome.executionCount, { kind: "error", error: outcome.error });
        return false;
      case "aborted":
        outputs.end(undefined, { kind: "stream", name: "stderr", text: `${outcome.reason}\n` });
        return false;
    }
  }, [execute, cellName, index, notebook.lesson, outputs]);

  useEffect(
    () =>
      register(id, {
        element: section.current,
        run,
        code: () => codeRef.current,
        hasRun: () => typeof outputs.get().count === "number",
        path,
      }),
    [register, id, run, path, outputs],
  );

  const label = `Code cell ${number ?? ""}`.trim();
  return (
    <>
      <section ref={section} role="region" aria-label={label} className="cell">
        <RunCount run={outputs} />
        <div className="cell-main">
          <div className="cell-code">
            <EditableCode
              key={resets}
              code={code}
              {...(htmlKey && code === initialCode ? { htmlKey } : {})}
              label={`Code of ${label.toLowerCase()}`}
              path={path}
              otherCells={() =>
                notebook.cells().flatMap(({ handle }) => (handle.path === path ? [] : [{ path: handle.path, code: handle.code() }]))
              }
              onChange={edit}
              onRun={() => void run()}
            />
          </div>
          <div className="cell-actions">
            <button type="button" aria-label="Run cell" title="Run (Shift+Enter)" onClick={() => void run()}>
              ▶ Run
            </button>
            <button type="button" onClick={() => setScratch((cells) => [...cells, Date.now()])}>
              + Add cell below
            </button>
            <button
              type="button"
              title="Restart the kernel and re-run the cells above this one that had run"
              onClick={() => void notebook.restartAndRunAbove(id)}
            >
              Restart and run above
            </button>
            {index !== undefined && code !== initialCode ? (
              <button type="button" title="Put back the lesson's code for this cell" onClick={reset}>
                Reset code
              </button>
            ) : null}
          </div>
          {index !== undefined ? <DraftNotice edited={code !== initialCode} saved={draft.saved} conflict={draft.conflict} resolve={draft.resolve} /> : null}
          <RunOutput run={outputs} />
        </div>
      </section>
      {scratch.map((key) => (
        <Cell key={key} code="" />
      ))}
    </>
  );
}

/** An authored cell's edit in localStorage under `key`; the lesson's own code is not stored. */
function localCopy(key: string, initial: string): BrowserCopy {
  return {
    load() {
      try {
        return localStorage.getItem(key) ?? undefined;
      } catch {
        return undefined; // No storage: start from the lesson's code.
      }
    },
    save(code) {
      try {
        if (code === initial) localStorage.removeItem(key);
        else localStorage.setItem(key, code);
      } catch {
        // Storage full or disabled: the edit still works on this page.
      }
    },
  };
}
