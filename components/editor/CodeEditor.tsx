"use client";

import dynamic from "next/dynamic";

export interface CodeEditorProps {
  /** A model URI, one per cell, so that cells see each other's declarations. */
  path: string;
  value: string;
  onChange(value: string): void;
  onRun(): void;
  onReady(): void;
  /** The page's other cells, so the editor knows what they declare. */
  otherCells(): { path: string; code: string }[];
}

/** Monaco, loaded on demand from our own bundle: the page never waits for it. */
export const CodeEditor = dynamic<CodeEditorProps>(() => import("./MonacoEditor"), { ssr: false });
