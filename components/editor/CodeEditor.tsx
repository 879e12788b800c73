"use client";

import { lazy, Suspense } from "react";

/** What the editor offers the view that hands over to it once it has loaded. */
export interface EditorControl {
  /** Takes the text typed so far, and the selection (character offsets), before the editor arrived. */
  takeOver(text: string, selection: { start: number; end: number }, focus: boolean): void;
}

export interface CodeEditorProps {
  /** A model URI, one per cell, so that cells see each other's declarations. */
  path: string;
  value: string;
  onChange(value: string): void;
  onRun(): void;
  onReady(control: EditorControl): void;
  /** The page's other cells, so the editor knows what they declare. */
  otherCells(): { path: string; code: string }[];
}

const MonacoEditor = lazy(() => import("./MonacoEditor"));

/**
 * Monaco, loaded on demand from our own bundle: the page never waits for it. Only ever rendered in the
 * browser, once the learner starts editing, so React's lazy is enough (next/dynamic's loader would
 * add about 2.5 KB gzip to the JavaScript every lesson loads before it is interactive).
 */
export function CodeEditor(props: CodeEditorProps) {
  return (
    <Suspense fallback={null}>
      <MonacoEditor {...props} />
    </Suspense>
  );
}
