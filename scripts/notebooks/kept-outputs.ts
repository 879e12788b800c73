/**
 * A code cell's saved outputs as lesson prose, for `import:notebook --keep-outputs`: what the
 * notebook's author saw under the cell stays readable on the lesson page before anyone runs it.
 * MDX parses `{` and `<` as code, so nothing from an output reaches the lesson unescaped: text goes
 * into fences, images into data URLs, Markdown only when it holds neither.
 */
import { fromLines, notebookOutput, type NotebookOutput } from "./nbformat";

export const KEPT_OUTPUT_NOTE = "{/* The output below was saved in the notebook and kept by import:notebook --keep-outputs. */}";

const IMAGES = ["image/png", "image/jpeg", "image/gif"];

/** A fence longer than any run of backticks in the text keeps it inside. */
function fenced(text: string): string {
  const fence = "`".repeat(Math.max(3, ...(text.match(/`+/g) ?? []).map((run) => run.length + 1)));
  return `${fence}text\n${text.replace(/\n+$/, "")}\n${fence}`;
}

type Piece = { kind: "text"; text: string } | { kind: "markdown"; text: string };

function piecesOf(output: NotebookOutput): Piece[] {
  if (output.output_type === "stream") return [{ kind: "text", text: fromLines(output.text ?? "") }];
  if (output.output_type === "error") return [{ kind: "text", text: `${output.ename ?? "Error"}: ${output.evalue ?? ""}` }];
  const data = output.data ?? {};
  const value = (mime: string) => {
    const raw = data[mime];
    return typeof raw === "string" || Array.isArray(raw) ? fromLines(raw as string | string[]) : undefined;
  };
  for (const mime of IMAGES) {
    const base64 = value(mime)?.replace(/\s+/g, "");
    if (base64) return [{ kind: "markdown", text: `![Output of the cell above](data:${mime};base64,${base64})` }];
  }
  const svg = value("image/svg+xml");
  if (svg) return [{ kind: "markdown", text: `![Output of the cell above](data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")})` }];
  const markdown = value("text/markdown");
  if (markdown !== undefined && !/[{}<>]/.test(markdown)) return [{ kind: "markdown", text: markdown.trim() }];
  // HTML, charts and everything else: their text form (a chart's is `<Figure "loss" with 1 trace>`).
  const plain = value("text/plain");
  return plain !== undefined && plain.trim() !== "" ? [{ kind: "text", text: plain }] : [];
}

/** The outputs as Markdown to put after the cell, or "" when there is nothing to show. */
export function keptOutputs(outputs: unknown[] | undefined): string {
  const pieces = (outputs ?? []).flatMap((output) => {
    const parsed = notebookOutput.safeParse(output);
    return parsed.success ? piecesOf(parsed.data) : [];
  });
  // Consecutive text (a cell's printed lines, then its value) reads as one block, as under the cell.
  const merged: Piece[] = [];
  for (const piece of pieces) {
    const last = merged.at(-1);
    if (piece.kind === "text" && last?.kind === "text") last.text = `${last.text.replace(/\n?$/, "\n")}${piece.text}`;
    else merged.push({ ...piece });
  }
  const blocks = merged.map((piece) => (piece.kind === "text" ? fenced(piece.text) : piece.text)).filter((block) => block.trim() !== "");
  return blocks.length ? [KEPT_OUTPUT_NOTE, ...blocks].join("\n\n") : "";
}
