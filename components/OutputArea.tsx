"use client";

import { PLOTLY_MIME } from "@/engine/mime";
import type { Figure } from "@/engine/plot";
import type { ProgressState } from "@/engine/progress";
import type { CellError, CellOutput, MimeBundle } from "@/engine/protocol";
import { PROGRESS_MIME, TENSOR_MIME, type TensorView, TREE_MIME, type TreeNode } from "@/engine/rich";
import { useSyncExternalStore } from "react";
import type { CellOutputs } from "./cell-outputs";
import { EARLY_OUTPUT_CLASS, errorPlace } from "./early-runs";
import { PlotlyChart } from "./PlotlyChart";
import { Html, Markdown, ProgressBar, TensorTable, ValueTree } from "./RichOutput";

/** A cell's output as its run state holds it: re-rendered on its own, in the task the output arrived in. */
export function RunOutput({ run }: { run: CellOutputs }) {
  const { outputs, heldHeightPx } = useSyncExternalStore(run.subscribe, run.get, run.get);
  return (
    <OutputArea
      early
      outputs={outputs}
      ref={(element) => {
        run.element = element;
      }}
      {...(heldHeightPx ? { minHeightPx: heldHeightPx } : {})}
    />
  );
}

/** The execution count beside a cell: `[3]`, `[*]` while it runs. */
export function RunCount({ run }: { run: CellOutputs }) {
  const { count } = useSyncExternalStore(run.subscribe, run.get, run.get);
  return (
    // The page's inline script may have written an early run's count here before React hydrated.
    <div className="cell-gutter" aria-label="Execution count" data-running={count === "*" || undefined} suppressHydrationWarning>
      {`[${count ?? " "}]`}
    </div>
  );
}

/** A cell's output, in the order it arrived: text streams, displays, the result, an error. */
export function OutputArea({
  outputs,
  ref,
  minHeightPx,
  early = false,
}: {
  outputs: readonly CellOutput[];
  ref?: (element: HTMLDivElement | null) => void;
  minHeightPx?: number;
  /** Whether it holds the box for a run started before hydration (components/early-runs.ts). */
  early?: boolean;
}) {
  return (
    <div role="log" aria-label="Output" className="cell-output" ref={ref} {...(minHeightPx ? { style: { minHeight: minHeightPx }, "data-held": "" } : {})}>
      {/* Set as HTML, so React neither hydrates nor ever rewrites what the inline script put in it. */}
      {early ? <div className={EARLY_OUTPUT_CLASS} dangerouslySetInnerHTML={NO_HTML} /> : null}
      {outputs.map((output, index) => {
        switch (output.kind) {
          case "stream":
            return (
              <pre key={index} className={`stream ${output.name}`}>
                {output.text}
              </pre>
            );
          case "display":
          case "update":
            return <Bundle key={output.displayId ?? index} data={output.data} />;
          case "result":
            return <Bundle key={index} data={output.data} className="result" />;
          case "error":
            return <ErrorView key={index} error={output.error} />;
        }
      })}
    </div>
  );
}

/** Picks the richest form the page knows, as Jupyter does; text is the fallback. */
function Bundle({ data, className }: { data: MimeBundle; className?: string }) {
  const figure = data[PLOTLY_MIME];
  if (isFigure(figure)) return <PlotlyChart figure={figure} />;
  const tensor = data[TENSOR_MIME];
  if (isObject(tensor)) return <TensorTable view={tensor as unknown as TensorView} />;
  const tree = data[TREE_MIME];
  if (isObject(tree) && typeof tree.preview === "string") return <ValueTree node={tree as unknown as TreeNode} />;
  const progress = data[PROGRESS_MIME];
  if (isObject(progress) && typeof progress.total === "number") return <ProgressBar state={progress as unknown as ProgressState} />;
  if (typeof data["text/markdown"] === "string") return <Markdown text={data["text/markdown"]} />;
  if (typeof data["text/html"] === "string") return <Html html={data["text/html"]} />;
  const text = data["text/plain"];
  return <pre className={className ?? "display"}>{typeof text === "string" ? text : JSON.stringify(data)}</pre>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function isFigure(value: unknown): value is Figure {
  return typeof value === "object" && value !== null && Array.isArray((value as { data?: unknown }).data);
}

const NO_HTML = { __html: "" };

function ErrorView({ error }: { error: CellError }) {
  return (
    <pre className="error">
      <strong>
        {error.name}: {error.message}
      </strong>
      {errorPlace(error)}
      {error.stack ? `\n${error.stack}` : ""}
    </pre>
  );
}
