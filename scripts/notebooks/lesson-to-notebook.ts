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
import { lessonBlocks, mdxWithoutComments, parseLesson } from "../../course/lesson";
import { adaptCellForTslab } from "./tslab-quirks";

/** Where, relative to a notebook, the engine bundle sits (engine-bundle.ts writes it there). */
export const ENGINE_MODULE = "./descent/engine.cjs";

export const SETUP_CODE = [
  // A notebook uploaded without its folder fails here with tslab's "Cannot find module": say where it lives.
  "// The course's cell API, from descent/ beside this notebook: keep the notebook in the folder it was",
  "// exported to, whose README.md says how to set it up (npm install, npm run kernel).",
  `import { tf, plot, display, progress, ready } from "${ENGINE_MODULE}";`,
  "await ready;",
].join("\n");

export const KERNEL_METADATA = {
  kernelspec: { name: "tslab", display_name: "TypeScript (tslab)", language: "typescript" },
  language_info: { name: "typescript", file_extension: ".ts", mimetype: "text/typescript", codemirror_mode: { name: "javascript", typescript: true } },
};

/** What a notebook shows of an exercise: never its solution or hidden tests. */
export interface NotebookExercise {
  id: string;
  title: string;
  /** The prompt's Markdown (MDX without components), math as LaTeX. */
  prompt: string;
  starter: string;
  /** The visible tests' source, shown to the learner as in the course. */
  visibleTests: string;
  /** The functions the visible tests call, which the check cell hands to them. */
  learnerNames: string[];
  /** Plain text, revealed one at a time in the course. */
  hints: string[];
}

export const DESCENT_EXERCISE_TAG = "descent-exercise";
export const DESCENT_HINT_TAG = "descent-hint";

/**
 * One hint as a folded Markdown cell (`<details>` renders collapsed in JupyterLab, Notebook, VS Code
 * and Colab), opened one at a time as the course reveals them. Hints are plain text in the course,
 * so Markdown's punctuation in them is escaped (`low * (high / low) ** u` must not turn bold).
 */
export function hintMarkdown(hint: string, index: number, count: number): string {
  const text = hint.replace(/[\\`*_[\]<>#|$~&]/g, "\\$&");
  return `<details>\n<summary>Hint ${index + 1} of ${count}</summary>\n\n${text}\n\n</details>`;
}

/** Where, relative to a notebook, an exercise's visible-tests bundle sits (exercises.ts writes it). */
export const exerciseModule = (id: string) => `./descent/exercises/${id}.cjs`;

function checkCode(exercise: NotebookExercise): string {
  const name = `check${exercise.id.replace(/(^|-)([a-z0-9])/g, (_, _dash: string, c: string) => c.toUpperCase())}`;
  // Spelled-out properties: tslab's shorthand quirk (see tslab-quirks.ts).
  const learner = exercise.learnerNames.map((learnerName) => `${learnerName}: ${learnerName}`).join(", ");
  return [
    "// The exercise's visible tests, run against your code above (the course grades hidden tests too).",
    `import { check as ${name} } from "${exerciseModule(exercise.id)}";`,
    `await ${name}({ ${learner} });`,
  ].join("\n");
}

export interface ExportOptions {
  /** Looks up an exercise a lesson shows with `<Exercise id="…" />`. */
  exercise?: (id: string) => NotebookExercise;
}

export function lessonToNotebook(source: string, file: string, slug: string, options: ExportOptions = {}): Notebook {
  const lesson = parseLesson(source, file);
  const { frontmatter } = lesson;
  const cells: NotebookCell[] = [];
  const id = () => `cell-${cells.length + 1}`;
  const markdown = (text: string, metadata: Record<string, unknown> = {}) =>
    cells.push({ cell_type: "markdown", id: id(), metadata, source: toLines(text) });
  const code = (text: string, metadata: Record<string, unknown> = {}) =>
    cells.push({ cell_type: "code", id: id(), metadata, execution_count: null, outputs: [], source: toLines(text) });

  markdown(`# ${frontmatter.title}\n\n${frontmatter.summary}`, { tags: [DESCENT_TITLE_TAG] });
  code(SETUP_CODE, { tags: [DESCENT_SETUP_TAG] });
  for (const block of lessonBlocks(lesson)) {
    if (block.kind === "prose") {
      markdown(block.text);
      continue;
    }
    if (block.kind === "exercise") {
      if (!options.exercise) throw new Error(`${file}: <Exercise id="${block.id}" /> cannot be exported without its exercise files`);
      const exercise = options.exercise(block.id);
      const tagged = { tags: [DESCENT_EXERCISE_TAG], descent: { exercise: exercise.id } };
      markdown(`### Exercise: ${exercise.title}\n\n${mdxWithoutComments(exercise.prompt, `${file}: <Exercise id="${exercise.id}" /> prompt`).trim()}`, tagged);
      code(adaptCellForTslab(exercise.starter.trim()), tagged);
      // A fence longer than any run of backticks in the tests (template strings) keeps them inside.
      const fence = "`".repeat(Math.max(3, ...(exercise.visibleTests.match(/`+/g) ?? []).map((run) => run.length + 1)));
      markdown(`The visible tests, which the next cell runs against your code:\n\n${fence}ts\n${exercise.visibleTests.trim()}\n${fence}`, tagged);
      code(checkCode(exercise), tagged);
      exercise.hints.forEach((hint, index, all) =>
        markdown(hintMarkdown(hint, index, all.length), { tags: [DESCENT_EXERCISE_TAG, DESCENT_HINT_TAG], descent: { exercise: exercise.id } }),
      );
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
