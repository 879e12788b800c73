"use client";

/** The rich forms of a kernel output: tensor tables, value trees, Markdown/HTML and progress bars. */
import type { ProgressState } from "@/engine/progress";
import { formatDuration } from "@/engine/progress";
import type { TensorView, TreeNode } from "@/engine/rich";
import { useEffect, useState } from "react";

export function TensorTable({ view }: { view: TensorView }) {
  const caption = `Tensor ${view.dtype} [${view.shape.join(", ")}]`;
  if (!view.rows) {
    return (
      <div className="tensor">
        <div className="tensor-caption">{caption}</div>
        <pre>{view.text}</pre>
      </div>
    );
  }
  return (
    <div className="tensor">
      <table aria-label={caption}>
        <caption>{caption}</caption>
        <tbody>
          {view.rows.map((row, r) => (
            <tr key={r}>
              {row.map((value, c) => (
                <td key={c}>{value}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ValueTree({ node, label, depth = 0 }: { node: TreeNode; label?: string; depth?: number }) {
  const head = label === undefined ? node.preview : `${label}: ${node.preview}`;
  if (!node.children) return <div className="tree-leaf">{head}</div>;
  return (
    <details className="tree" open={depth === 0}>
      <summary>{head}</summary>
      <div className="tree-children">
        {node.children.map(({ key, node: child }) => (
          <ValueTree key={key} node={child} label={key} depth={depth + 1} />
        ))}
        {node.more ? <div className="tree-leaf">… {node.more} more</div> : null}
      </div>
    </details>
  );
}

/** The sanitizer (marked + DOMPurify) loads only when a cell first shows Markdown or HTML. */
function useSanitized(source: string, kind: "markdown" | "html"): string | undefined {
  const [html, setHtml] = useState<string>();
  useEffect(() => {
    let current = true;
    void import("./sanitize").then(({ renderMarkdown, sanitizeHtml }) => {
      if (current) setHtml(kind === "markdown" ? renderMarkdown(source) : sanitizeHtml(source));
    });
    return () => {
      current = false;
    };
  }, [source, kind]);
  return html;
}

export function Markdown({ text }: { text: string }) {
  const html = useSanitized(text, "markdown");
  return html === undefined ? <pre>{text}</pre> : <div className="rendered-markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}

export function Html({ html: source }: { html: string }) {
  const html = useSanitized(source, "html");
  return html === undefined ? null : <div className="rendered-html" dangerouslySetInnerHTML={{ __html: html }} />;
}

export function ProgressBar({ state }: { state: ProgressState }) {
  const eta = state.etaMs === undefined ? "" : ` · ETA ${formatDuration(state.etaMs)}`;
  const label = state.label || "Progress";
  return (
    <div className="progress-output">
      <progress max={state.total} value={state.done} aria-label={label} />
      <span>
        {state.label ? `${state.label}: ` : ""}
        {state.done}/{state.total} · {formatDuration(state.elapsedMs)} elapsed{eta}
      </span>
    </div>
  );
}
