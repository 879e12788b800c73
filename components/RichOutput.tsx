"use client";

/** The rich forms of a kernel output: tensor tables, value trees, Markdown/HTML and progress bars. */
import type { ProgressState } from "@/engine/progress";
import { formatDuration } from "@/engine/progress";
import type { TensorView, TreeNode } from "@/engine/rich";
import { renderMarkdown, sanitizeHtml } from "./sanitize";

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

export function Markdown({ text }: { text: string }) {
  return <div className="rendered-markdown" dangerouslySetInnerHTML={{ __html: renderMarkdown(text) }} />;
}

export function Html({ html }: { html: string }) {
  return <div className="rendered-html" dangerouslySetInnerHTML={{ __html: sanitizeHtml(html) }} />;
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
