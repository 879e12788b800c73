/**
 * npm run export:notebooks [-- --out <dir>] [--lessons <dir>]: writes every lesson in
 * content/lessons (or --lessons) as <dir>/<slug>.ipynb (default dir: notebooks/), with the engine
 * bundle the notebooks import in <dir>/descent/.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildNotebookEngine, ROOT } from "./notebooks/engine-bundle";
import { buildExerciseCheck, lessonExercises, toNotebookExercise } from "./notebooks/exercises";
import { lessonToNotebook, serializeNotebook } from "./notebooks/lesson-to-notebook";

export const DEFAULT_NOTEBOOKS_DIR = path.join(ROOT, "notebooks");
const LESSONS_DIR = path.join(ROOT, "content", "lessons");

export async function exportNotebooks(outDir: string, lessonsDir = LESSONS_DIR): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  await buildNotebookEngine(outDir);
  const written: string[] = [];
  for (const name of readdirSync(lessonsDir).filter((file) => file.endsWith(".mdx")).sort()) {
    const file = path.join(lessonsDir, name);
    const slug = path.basename(name, ".mdx");
    const exercises = lessonExercises(slug);
    const shown = new Set<string>();
    const notebook = lessonToNotebook(readFileSync(file, "utf8"), path.relative(ROOT, file), slug, {
      exercise(id) {
        const exercise = exercises.get(id);
        if (!exercise) throw new Error(`${path.relative(ROOT, file)}: <Exercise id="${id}" /> names no folder content/exercises/${slug}/${id}/`);
        shown.add(id);
        return toNotebookExercise(exercise);
      },
    });
    for (const id of shown) await buildExerciseCheck(outDir, exercises.get(id) as NonNullable<ReturnType<typeof exercises.get>>);
    const target = path.join(outDir, `${slug}.ipynb`);
    writeFileSync(target, serializeNotebook(notebook));
    written.push(target);
  }
  return written;
}

if (process.argv[1] === import.meta.filename) {
  const started = performance.now();
  try {
    const { values } = parseArgs({ options: { out: { type: "string" }, lessons: { type: "string" } } });
    const outDir = path.resolve(values.out ?? DEFAULT_NOTEBOOKS_DIR);
    const written = await exportNotebooks(outDir, values.lessons ? path.resolve(values.lessons) : LESSONS_DIR);
    const ms = Math.round(performance.now() - started);
    for (const file of written) console.log(`notebooks: ${path.relative(process.cwd(), file)}`);
    console.log(`notebooks: ${written.length} lesson(s) exported to ${path.relative(process.cwd(), outDir) || "."} in ${ms} ms`);
  } catch (error) {
    console.error(`export:notebooks: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
