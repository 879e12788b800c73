"use client";

/**
 * The cell editor: Monaco from our own bundle (never a CDN), with the kernel's API declarations
 * (generated from engine/ at build time) for completion, hover docs and type checking.
 */
import Editor, { loader, type OnMount } from "@monaco-editor/react";
import * as monaco from "monaco-editor";
import { type ReactNode, useEffect, useRef, useState } from "react";
import * as z from "zod/mini";
import { useTheme } from "../theme";
import type { CodeEditorProps } from "./CodeEditor";
import { IGNORED_DIAGNOSTICS } from "./diagnostics";

/** /engine/types.json (scripts/build-engine.mjs): the kernel's declaration files by path. */
const editorTypesSchema = z.object({ files: z.record(z.string(), z.string()) });

let configured: Promise<void> | undefined;

function configureMonaco(): Promise<void> {
  configured ??= (async () => {
    self.MonacoEnvironment = {
      getWorker(_workerId: string, label: string) {
        if (label === "typescript" || label === "javascript") {
          return new Worker(new URL("./ts.worker.ts", import.meta.url), { type: "module" });
        }
        return new Worker(new URL("./editor.worker.ts", import.meta.url), { type: "module" });
      },
    };
    loader.config({ monaco });
    const ts = monaco.typescript;
    ts.typescriptDefaults.setCompilerOptions({
      target: ts.ScriptTarget.ESNext,
      lib: ["esnext"],
      strict: true,
      noEmit: true,
      allowNonTsExtensions: true,
      moduleResolution: ts.ModuleResolutionKind.NodeJs,
    });
    ts.typescriptDefaults.setDiagnosticsOptions({ diagnosticCodesToIgnore: [...IGNORED_DIAGNOSTICS] });
    ts.typescriptDefaults.setEagerModelSync(true);
    // Type errors are advice, as in an IDE: the cell still runs, so show them as warnings.
    // Syntax errors (TS1xxx) stay errors: the cell will not run.
    monaco.editor.onDidChangeMarkers((uris) => {
      for (const uri of uris) {
        const model = monaco.editor.getModel(uri);
        if (!model) continue;
        const markers = monaco.editor.getModelMarkers({ owner: "typescript", resource: uri });
        const isTypeError = (code: unknown) => !/^1\d{3}$/.test(String(typeof code === "object" && code !== null ? (code as { value: unknown }).value : code));
        if (!markers.some((m) => m.severity === monaco.MarkerSeverity.Error && isTypeError(m.code))) continue;
        monaco.editor.setModelMarkers(
          model,
          "typescript",
          markers.map((m) => (m.severity === monaco.MarkerSeverity.Error && isTypeError(m.code) ? { ...m, severity: monaco.MarkerSeverity.Warning } : m)),
        );
      }
    });
    const response = await fetch("/engine/types.json");
    if (!response.ok) throw new Error(`could not load the kernel's type declarations (${response.status})`);
    const types = editorTypesSchema.parse(await response.json());
    for (const [path, content] of Object.entries(types.files)) ts.typescriptDefaults.addExtraLib(content, path);
  })();
  return configured;
}

/**
 * Each cell is a script model in the same TypeScript project, so one cell's top-level declarations
 * are visible in the others, as they are in the kernel.
 */
function syncOtherCells(cells: { path: string; code: string }[]) {
  for (const { path, code } of cells) {
    const uri = monaco.Uri.parse(path);
    const model = monaco.editor.getModel(uri);
    if (!model) monaco.editor.createModel(code, "typescript", uri);
    else if (model.getValue() !== code) model.setValue(code);
  }
}

export default function MonacoEditor({ path, value, onChange, onRun, onReady, otherCells }: CodeEditorProps) {
  const theme = useTheme();
  const runRef = useRef(onRun);
  useEffect(() => {
    runRef.current = onRun;
  }, [onRun]);
  const container = useRef<HTMLDivElement>(null);

  const onMount: OnMount = (editor) => {
    syncOtherCells(otherCells());
    editor.onDidFocusEditorText(() => syncOtherCells(otherCells()));
    // Not addCommand: its keybindings are shared by every editor on the page, so with several cells
    // Shift+Enter ran whichever cell's editor was created last.
    editor.onKeyDown((event) => {
      if (event.keyCode !== monaco.KeyCode.Enter || !event.shiftKey || event.ctrlKey || event.altKey || event.metaKey) return;
      event.preventDefault();
      event.stopPropagation();
      runRef.current();
    });
    const fit = () => {
      const height = Math.max(editor.getContentHeight(), 38);
      if (container.current) container.current.style.height = `${height}px`;
      editor.layout();
    };
    editor.onDidContentSizeChange(fit);
    fit();
    onReady({
      takeOver(text, selection, focus) {
        const model = editor.getModel();
        if (!model) return;
        if (model.getValue() !== text) model.setValue(text);
        const start = model.getPositionAt(selection.start);
        const end = model.getPositionAt(selection.end);
        editor.setSelection(monaco.Selection.fromPositions(start, end));
        fit();
        if (focus) editor.focus();
      },
    });
  };

  return (
    <div ref={container} className="monaco-host">
      <EditorWhenConfigured>
        <Editor
          path={path}
          defaultLanguage="typescript"
          theme={theme === "dark" ? "vs-dark" : "light"}
          defaultValue={value}
          onChange={(next) => onChange(next ?? "")}
          onMount={onMount}
          options={{
            minimap: { enabled: false },
            scrollBeyondLastLine: false,
            fontSize: 14,
            lineNumbers: "on",
            automaticLayout: true,
            scrollbar: { alwaysConsumeMouseWheel: false },
            overviewRulerLanes: 0,
            renderLineHighlight: "none",
            tabSize: 2,
          }}
        />
      </EditorWhenConfigured>
    </div>
  );
}

function EditorWhenConfigured({ children }: { children: ReactNode }) {
  const [ready, setReady] = useState(false);
  const [failure, setFailure] = useState<string>();
  useEffect(() => {
    configureMonaco().then(
      () => setReady(true),
      (error: unknown) => {
        // The editor still works without types; say what is missing.
        setFailure(error instanceof Error ? error.message : String(error));
        setReady(true);
      },
    );
  }, []);
  return (
    <>
      {failure ? <p className="editor-warning">Completion is unavailable: {failure}</p> : null}
      {ready ? children : null}
    </>
  );
}
