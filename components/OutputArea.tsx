"use client";

import type { CellError, CellOutput, MimeBundle } from "@/engine/protocol";
import { PLOTLY_MIME } from "@/engine/mime";
import { PlotlyChart } from "./PlotlyChart";

/** A cell's output, in the order it arrived: text streams, displays, the result, an error. */
export function OutputArea({ outputs }: { outputs: CellOutput[] }) {
  return (
    <div role="log" aria-label="Output" className="cell-output" hidden={outputs.length === 0}>
      {outputs.map((output, index) => {
        switch (output.kind) {
          case "stream":
            return (
              <pre key={index} className={`stream ${output.name}`}>
                {output.text}
              </pre>
            );
          case "display":
            return <Bundle key={index} data={output.data} />;
          case "result":
            return <Bundle key={index} data={output.data} className="result" />;
          case "error":
            return <ErrorView key={index} error={output.error} />;
        }
      })}
    </div>
  );
}

function Bundle({ data, className }: { data: MimeBundle; className?: string }) {
  const figure = data[PLOTLY_MIME];
  if (isFigure(figure)) return <PlotlyChart figure={figure} />;
  const text = data["text/plain"];
  return <pre className={className ?? "display"}>{typeof text === "string" ? text : JSON.stringify(data)}</pre>;
}

function isFigure(value: unknown): value is { data: Record<string, unknown>[]; layout: Record<string, unknown> } {
  return typeof value === "object" && value !== null && Array.isArray((value as { data?: unknown }).data);
}

function ErrorView({ error }: { error: CellError }) {
  const where = error.line !== undefined ? ` (line ${error.line}, column ${error.column ?? 1})` : "";
  return (
    <pre className="error">
      <strong>
        {error.name}: {error.message}
      </strong>
      {where && !error.message.includes(`line ${error.line},`) ? where : ""}
      {error.stack ? `\n${error.stack}` : ""}
    </pre>
  );
}
