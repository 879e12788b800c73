"use client";

/**
 * Code that shows at once and becomes an editor on demand: highlighted (or plain) text first, so
 * the page never waits for Monaco, which loads on the first click or Enter. Shift+Enter runs from
 * either. To put different code in after editing (Reset code), remount it with a new `key`:
 * Monaco keeps its own text once mounted.
 */
import { type KeyboardEvent, useState } from "react";
import { CodeEditor, type CodeEditorProps } from "./CodeEditor";

export interface EditableCodeProps extends Omit<CodeEditorProps, "value" | "onReady"> {
  code: string;
  /** Highlighted HTML of `code`, made at build time; plain text is shown without it. */
  html?: string;
  /** Accessible name of the code before the editor takes over. */
  label: string;
}

export function EditableCode({ code, html, label, ...editor }: EditableCodeProps) {
  const [editing, setEditing] = useState(false);
  const [ready, setReady] = useState(false);
  // Focus alone does not load the editor: a keyboard user tabbing past the code must not land in
  // Monaco (where Tab indents). Enter opens it; Shift+Enter runs.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    if (event.shiftKey) editor.onRun();
    else setEditing(true);
  };
  return (
    <>
      {!editing || !ready ? (
        <div
          className="cell-static"
          tabIndex={0}
          role="textbox"
          aria-multiline="true"
          aria-label={label}
          onKeyDown={onKeyDown}
          aria-description="Enter to edit, Shift+Enter to run"
          onClick={() => setEditing(true)}
          {...(html ? { dangerouslySetInnerHTML: { __html: html } } : { children: <pre className="plain-code">{code}</pre> })}
        />
      ) : null}
      {editing ? (
        <div className="cell-editor" hidden={!ready}>
          <CodeEditor {...editor} value={code} onReady={() => setReady(true)} />
        </div>
      ) : null}
      {editing && !ready ? <span className="editor-loading">Loading editor…</span> : null}
    </>
  );
}
