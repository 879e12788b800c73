/**
 * Turns a lesson into a Jupyter notebook (nbformat 4) for the tslab kernel: a title cell, a setup
 * cell that imports the cell API from the engine bundle, then the lesson's prose as markdown (math
 * stays LaTeX, which Jupyter renders) and each `<Cell>` as a code cell adapted for tslab.
 */
import {
  DESCENT_SETUP_TAG,
  DESCENT_TITLE_TAG,
  type DescentNotebookMetadata,
  type Notebook,
  type NotebookCell,
  toLines,
} from "./nbformat";
import { parseLessonSource } from "./lesson-source";
import { adaptCellForTslab } from "./tslab-quirks";

/** Where, relative to a notebook, the engine bundle sits (engine-bundle.ts writes it there). */
export const ENGINE_MODULE = "./descent/engine.cjs";

export const SETUP_CODE = [
  "// The cell API of the course's browser kernel, from the project's engine/ (bundled by the exporter).",
  `import { tf, plot, display, progress, ready } from "${ENGINE_MODULE}";`,
  "await ready;",
].join("\n");

export const KERNEL_METADATA = {
  kernelspec: { name: "tslab", display_name: "TypeScript (tslab)", language: "typescript" },
  language_info: { name: "typescript", file_extension: ".ts", mimetype: "text/typescript", codemirror_mode: { name: "javascript", typescript: true } },
};

export function lessonToNotebook(source: string, file: string, slug: string): Notebook {
  const { frontmatter, blocks } = parseLessonSource(source, file);
  const cells: NotebookCell[] = [];
  const id = () => `cell-${cells.length + 1}`;
  const markdown = (text: string, tags: string[] = []) =>
    cells.push({ cell_type: "markdown", id: id(), metadata: tags.length ? { tags } : {}, source: toLines(text) });
  const code = (text: string, metadata: Record<string, unknown> = {}) =>
    cells.push({ cell_type: "code", id: id(), metadata, execution_count: null, outputs: [], source: toLines(text) });

  markdown(`# ${frontmatter.title}\n\n${frontmatter.summary}`, [DESCENT_TITLE_TAG]);
  code(SETUP_CODE, { tags: [DESCENT_SETUP_TAG] });
  for (const block of blocks) {
    if (block.kind === "prose") {
      markdown(block.text);
      continue;
    }
    const adapted = adaptCellForTslab(block.code);
    // The lesson's own spelling, so import can give it back when the cell was not edited.
    code(adapted, adapted === block.code ? {} : { descent: { source: block.code } });
  }
  const descent: DescentNotebookMetadata = { slug, frontmatter };
  return { nbformat: 4, nbformat_minor: 5, metadata: { ...KERNEL_METADATA, descent }, cells };
}

export function serializeNotebook(notebook: Notebook): string {
  return `${JSON.stringify(notebook, null, 1)}\n`;
}
