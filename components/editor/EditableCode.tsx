"use client";

/**
 * Code that shows at once and is editable from the first click: highlighted (or plain) text first,
 * so the page never waits for Monaco; the first click (or Enter) swaps in a plain text area, with the
 * caret where the click was, and starts loading Monaco, which takes over the text and the caret
 * when it arrives. Nothing typed in between is lost, and Shift+Enter runs what is there. Focus alone
 * opens nothing: a keyboard user tabbing past the code must not land in Monaco, where Tab indents. To put
 * different code in after editing (Reset code), remount it with a new `key`: Monaco keeps its own
 * text once mounted.
 */
import { type KeyboardEvent, type MouseEvent, useEffect, useLayoutEffect, useRef, useState } from "react";
import { useNotebookLesson } from "../Notebook";
import { contentFromPage, STATIC_KEY_ATTRIBUTE, staticHtmlInPage, takeStaticHtml } from "../static-html";
import { CodeEditor, type CodeEditorProps, type EditorControl } from "./CodeEditor";

export interface EditableCodeProps extends Omit<CodeEditorProps, "value" | "onReady"> {
  code: string;
  /** The key of `code`'s highlighted HTML in the page (components/LessonCell.tsx); plain text is shown without it. */
  htmlKey?: string;
  /** Accessible name of the code before the editor takes over. */
  label: string;
}

type Stage = "static" | "draft" | "editor";

export function EditableCode({ code, htmlKey, label, ...editor }: EditableCodeProps) {
  const [stage, setStage] = useState<Stage>("static");
  const html = useHighlighted(htmlKey);
  const [control, setControl] = useState<EditorControl>();
  const caret = useRef(0);
  const draft = useRef<HTMLTextAreaElement>(null);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Enter" && event.shiftKey) {
      event.preventDefault();
      editor.onRun();
    }
  };
  const onStaticKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      startEditing();
    } else onKeyDown(event);
  };
  // Where in the code the click landed, so the caret starts there.
  const onMouseDown = (event: MouseEvent<HTMLDivElement>) => {
    caret.current = offsetAt(event.currentTarget, event.clientX, event.clientY) ?? caret.current;
  };
  const startEditing = () => setStage((current) => (current === "static" ? "draft" : current));

  useLayoutEffect(() => {
    if (stage !== "draft" || control) return;
    const area = draft.current;
    if (!area || document.activeElement === area) return;
    area.focus();
    const at = Math.min(caret.current, area.value.length);
    area.setSelectionRange(at, at);
  }, [stage, control]);

  // Monaco is mounted and visible: it takes the text, the selection and the focus in the same
  // frame the text area goes away, so no keystroke falls in between.
  useLayoutEffect(() => {
    if (stage !== "draft" || !control) return;
    const area = draft.current;
    const focused = area !== null && document.activeElement === area;
    control.takeOver(area?.value ?? code, { start: area?.selectionStart ?? 0, end: area?.selectionEnd ?? 0 }, focused);
    setStage("editor");
  }, [stage, control, code]);

  const lines = code.split("\n").length;
  return (
    <>
      {stage === "static" ? (
        <div
          className="cell-static"
          tabIndex={0}
          role="textbox"
          aria-multiline="true"
          aria-label={label}
          aria-description="Enter to edit, Shift+Enter to run"
          onKeyDown={onStaticKeyDown}
          onMouseDown={onMouseDown}
          onClick={startEditing}
          {...(html ? { [STATIC_KEY_ATTRIBUTE]: htmlKey, suppressHydrationWarning: true, dangerouslySetInnerHTML: { __html: html } } : { children: <pre className="plain-code">{code}</pre> })}
        />
      ) : null}
      {stage === "draft" ? (
        <textarea
          ref={draft}
          className="cell-draft"
          aria-label={label}
          value={code}
          rows={lines}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          onChange={(event) => editor.onChange(event.target.value)}
          onKeyDown={onKeyDown}
        />
      ) : null}
      {stage !== "static" ? (
        <div className="cell-editor" hidden={!control}>
          <CodeEditor {...editor} value={code} onReady={(next) => setControl(() => next)} />
        </div>
      ) : null}
      {stage === "draft" && !control ? <span className="editor-loading">Loading editor…</span> : null}
    </>
  );
}

/**
 * The highlighted HTML under `key`: on the server from the lesson's render, in the browser from the
 * page's HTML (hydration keeps what the server wrote; the string the browser reads back may differ in
 * spelling, not in content), or fetched from the lesson's page after a client-side navigation.
 */
function useHighlighted(key: string | undefined): string | undefined {
  const [fetched, setFetched] = useState<{ key: string; html: string }>();
  const inPage = key === undefined ? undefined : typeof window === "undefined" ? takeStaticHtml(key) : staticHtmlInPage(key);
  const html = inPage ?? (fetched && fetched.key === key ? fetched.html : undefined);
  const lesson = useNotebookLesson();
  useEffect(() => {
    if (html !== undefined || key === undefined) return;
    let current = true;
    void contentFromPage(lesson, key).then((found) => {
      if (current && found) setFetched({ key, html: found });
    });
    return () => {
      current = false;
    };
  }, [html, key, lesson]);
  return html;
}

/** The character offset of the point (x, y) in `root`'s text, if the point is on it. */
function offsetAt(root: HTMLElement, x: number, y: number): number | undefined {
  // caretPositionFromPoint is newer than TypeScript's DOM types; caretRangeFromPoint is the fallback.
  const caretPosition: unknown = Reflect.get(document, "caretPositionFromPoint");
  const position =
    typeof caretPosition === "function"
      ? (caretPosition.call(document, x, y) as { offsetNode: Node; offset: number } | null)
      : (() => {
          const range = document.caretRangeFromPoint(x, y);
          return range ? { offsetNode: range.startContainer, offset: range.startOffset } : null;
        })();
  if (!position || !root.contains(position.offsetNode)) return undefined;
  const range = document.createRange();
  range.setStart(root, 0);
  range.setEnd(position.offsetNode, position.offset);
  return range.toString().length;
}
