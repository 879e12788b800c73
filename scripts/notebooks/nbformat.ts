/**
 * Jupyter's notebook format, version 4 (https://nbformat.readthedocs.io): what the exporter writes
 * and what the importer accepts. Cells hold their source as a list of lines, as Jupyter saves them.
 */
import { z } from "zod";

export const DESCENT_SETUP_TAG = "descent-setup";
export const DESCENT_TITLE_TAG = "descent-title";

/** What the exporter records so that importing the notebook gives the lesson back. */
export const descentNotebookMetadata = z.object({
  slug: z.string(),
  /** The lesson's front matter as it was, checked against the lesson schema on import. */
  frontmatter: z.record(z.string(), z.unknown()),
});
export type DescentNotebookMetadata = z.infer<typeof descentNotebookMetadata>;

const multiline = z.union([z.string(), z.array(z.string())]);

export const notebookCell = z.object({
  cell_type: z.enum(["markdown", "code", "raw"]),
  id: z.string().optional(),
  source: multiline,
  metadata: z.record(z.string(), z.unknown()).optional(),
  outputs: z.array(z.unknown()).optional(),
});

/** One output of a code cell: a stream, a value or display (MIME bundle), or an error. */
export const notebookOutput = z.object({
  output_type: z.string(),
  name: z.string().optional(),
  text: multiline.optional(),
  data: z.record(z.string(), z.unknown()).optional(),
  ename: z.string().optional(),
  evalue: z.string().optional(),
});
export type NotebookOutput = z.infer<typeof notebookOutput>;

/** Only what import needs; Jupyter allows far more, and unknown fields are kept out of the way. */
export const notebookSchema = z.object({
  nbformat: z.number(),
  nbformat_minor: z.number().optional(),
  metadata: z
    .object({
      kernelspec: z.object({ name: z.string().optional(), language: z.string().optional() }).partial().optional(),
      language_info: z.object({ name: z.string().optional() }).partial().optional(),
      descent: z.unknown().optional(),
    })
    .optional(),
  cells: z.array(z.unknown()).optional(),
});

export type NotebookCell = {
  cell_type: "markdown" | "code";
  id: string;
  metadata: Record<string, unknown>;
  source: string[];
} & ({ cell_type: "markdown" } | { cell_type: "code"; execution_count: null; outputs: [] });

export interface Notebook {
  nbformat: 4;
  nbformat_minor: 5;
  metadata: { descent: DescentNotebookMetadata; [key: string]: unknown };
  cells: NotebookCell[];
}

/** Jupyter stores a cell's source as lines, each but the last ending in "\n". */
export function toLines(text: string): string[] {
  const lines = text.split("\n");
  return lines.map((line, index) => (index < lines.length - 1 ? `${line}\n` : line)).filter((line) => line !== "");
}

export function fromLines(source: string | string[]): string {
  return typeof source === "string" ? source : source.join("");
}
