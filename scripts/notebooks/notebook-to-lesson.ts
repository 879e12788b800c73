/**
 * Turns a notebook written for tslab into a lesson MDX skeleton: front matter, prose and cells.
 * A notebook exported from a lesson gives that lesson back: the exporter's title and setup cells are
 * dropped, and cells the exporter adapted for tslab get their original spelling back unless they
 * were edited in Jupyter since. Outputs are dropped unless asked to be kept (kept-outputs.ts).
 */
import { stringify } from "yaml";
import { lessonFrontmatterSchema, type LessonFrontmatter } from "../../course/lesson-schema";
import { DESCENT_SETUP_TAG, DESCENT_TITLE_TAG, descentNotebookMetadata, fromLines, notebookCell, notebookSchema } from "./nbformat";
import { keptOutputs } from "./kept-outputs";
import { adaptCellForTslab } from "./tslab-quirks";

/** A notebook that cannot become a lesson; the message says why and what to do. */
export class NotebookImportError extends Error {
  constructor(file: string, reason: string) {
    super(`${file}: ${reason}`);
    this.name = "NotebookImportError";
  }
}

const LANGUAGES = new Set(["typescript", "javascript"]);

export interface ImportedLesson {
  slug: string;
  mdx: string;
}

export interface ImportOptions {
  /** The order to give a notebook that does not carry one (the next free place in the course). */
  nextOrder: number;
  /** Keep each code cell's saved outputs as prose after its `<Cell>` (they are dropped otherwise). */
  keepOutputs?: boolean;
}

export function notebookToLesson(json: string, file: string, { nextOrder, keepOutputs = false }: ImportOptions): ImportedLesson {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new NotebookImportError(file, "is not a Jupyter notebook: it is not valid JSON");
  }
  const parsed = notebookSchema.safeParse(data);
  if (!parsed.success) throw new NotebookImportError(file, "is not a Jupyter notebook: it has no nbformat version");
  const notebook = parsed.data;
  if (notebook.nbformat !== 4) {
    throw new NotebookImportError(
      file,
      `is in nbformat ${notebook.nbformat}, but only nbformat 4 can be imported: open it in Jupyter and save it (or run \`jupyter nbconvert --to notebook --nbformat 4\`) first`,
    );
  }
  const language = (notebook.metadata?.kernelspec?.language ?? notebook.metadata?.language_info?.name)?.toLowerCase();
  if (language === undefined || !LANGUAGES.has(language)) {
    throw new NotebookImportError(
      file,
      `is a ${language ?? "notebook of unknown language"} notebook (kernel "${notebook.metadata?.kernelspec?.name ?? "none"}"), but lessons are TypeScript: only TypeScript or JavaScript notebooks (the tslab kernel) can be imported`,
    );
  }

  const descent = descentNotebookMetadata.safeParse(notebook.metadata?.descent);
  const cells = (notebook.cells ?? []).map((cell) => notebookCell.safeParse(cell)).flatMap((cell) => (cell.success ? [cell.data] : []));
  const fileSlug = slugify(file.replace(/^.*[\\/]/, "").replace(/\.ipynb$/i, ""));
  const slug = descent.success ? descent.data.slug : fileSlug;

  const parts: string[] = [];
  let title: string | undefined;
  let lastExercise: string | undefined;
  for (const cell of cells) {
    // An exported exercise (prompt, starter, check) goes back to the one line that shows it.
    const exercise = (cell.metadata?.descent as { exercise?: unknown } | undefined)?.exercise;
    if (descent.success && typeof exercise === "string") {
      if (exercise !== lastExercise) parts.push(`<Exercise id="${exercise}" />`);
      lastExercise = exercise;
      continue;
    }
    lastExercise = undefined;
    const tags: unknown = cell.metadata?.tags;
    const tagged = (tag: string) => Array.isArray(tags) && tags.includes(tag);
    if (tagged(DESCENT_SETUP_TAG) || (descent.success && tagged(DESCENT_TITLE_TAG))) continue;
    const source = fromLines(cell.source).replace(/\r\n/g, "\n").trim();
    if (source === "") continue;
    if (cell.cell_type === "markdown") {
      const heading = title === undefined && !descent.success ? /^#\s+(.+)\n*([\s\S]*)$/.exec(source) : null;
      if (heading?.[1]) {
        title = heading[1].trim();
        if (heading[2]?.trim()) parts.push(heading[2].trim());
        continue;
      }
      parts.push(source);
    } else if (cell.cell_type === "code") {
      parts.push(`<Cell>\n\`\`\`ts\n${originalCode(source, cell.metadata)}\n\`\`\`\n</Cell>`);
      const outputs = keepOutputs ? keptOutputs(cell.outputs) : "";
      if (outputs) parts.push(outputs);
    }
  }

  const frontmatter = descent.success ? checkedFrontmatter(descent.data.frontmatter, file) : undefined;
  const front = frontmatter ?? {
    title: title ?? fileSlug.replace(/-/g, " "),
    order: nextOrder,
    summary: `TODO: one sentence that says what this lesson teaches (imported from ${file.replace(/^.*[\\/]/, "")}).`,
  };
  const mdx = `---\n${stringify(front, { lineWidth: 0, singleQuote: true })}---\n\n${parts.join("\n\n")}\n`;
  return { slug, mdx };
}

function checkedFrontmatter(value: unknown, file: string): LessonFrontmatter {
  const checked = lessonFrontmatterSchema.safeParse(value);
  if (!checked.success) throw new NotebookImportError(file, `its lesson front matter (metadata.descent) is invalid: ${checked.error.issues[0]?.message ?? ""}`);
  return checked.data;
}

/** The lesson's spelling of a cell the exporter adapted, if the cell is still what was exported. */
function originalCode(source: string, metadata: Record<string, unknown> | undefined): string {
  const original = (metadata?.descent as { source?: unknown } | undefined)?.source;
  if (typeof original === "string" && adaptCellForTslab(original).trim() === source) return original;
  return source;
}

export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug || "imported-notebook";
}
