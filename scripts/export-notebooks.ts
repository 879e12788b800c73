/**
 * npm run export:notebooks [-- --out <dir>] [--zip] [--lessons <dir>]: writes every lesson in
 * content/lessons (or --lessons) as <dir>/<slug>.ipynb (default dir: notebooks/, any folder is
 * fine), with the engine bundle the notebooks import in <dir>/descent/ and what a Jupyter with tslab
 * needs to run them there (package.json, README.md: see notebooks/handout.ts). With --zip the same
 * folder is written as one archive, <dir>.zip (or --out itself when it ends in .zip).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { LESSONS_DIR } from "../course/lessons.server";
import { buildNotebookEngine, ROOT } from "./notebooks/engine-bundle";
import { buildExerciseCheck, lessonExercises, toNotebookExercise } from "./notebooks/exercises";
import { checkHandoutTarget, type HandoutNotebook, writeHandout, zipFolder } from "./notebooks/handout";
import { lessonToNotebook, serializeNotebook } from "./notebooks/lesson-to-notebook";

export const DEFAULT_NOTEBOOKS_DIR = path.join(ROOT, "notebooks");

export async function exportNotebooks(outDir: string, lessonsDir = LESSONS_DIR): Promise<string[]> {
  checkHandoutTarget(outDir);
  mkdirSync(outDir, { recursive: true });
  await buildNotebookEngine(outDir);
  const written: string[] = [];
  const handout: HandoutNotebook[] = [];
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
    handout.push({ file: path.basename(target), title: String(notebook.metadata.descent.frontmatter.title) });
  }
  writeHandout(outDir, handout);
  return written;
}

/** Exports into a scratch folder and packs it as `archive`, whose top folder is named after it. */
export async function exportNotebooksZip(archive: string, lessonsDir = LESSONS_DIR): Promise<string[]> {
  const top = path.basename(archive, ".zip");
  const scratch = mkdtempSync(path.join(tmpdir(), "descent-export-"));
  try {
    const written = await exportNotebooks(path.join(scratch, top), lessonsDir);
    mkdirSync(path.dirname(archive), { recursive: true });
    writeFileSync(archive, zipFolder(path.join(scratch, top), top));
    return written.map((file) => path.join(top, path.basename(file)));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] === import.meta.filename) {
  const started = performance.now();
  try {
    const { values } = parseArgs({ options: { out: { type: "string" }, lessons: { type: "string" }, zip: { type: "boolean", default: false } } });
    // npm runs scripts in the project's root; relative paths mean the folder the command was typed in.
    const typedIn = process.env.INIT_CWD ?? process.cwd();
    const out = values.out ? path.resolve(typedIn, values.out) : DEFAULT_NOTEBOOKS_DIR;
    const lessons = values.lessons ? path.resolve(typedIn, values.lessons) : LESSONS_DIR;
    const target = values.zip && !out.endsWith(".zip") ? `${out}.zip` : out;
    const written = values.zip ? await exportNotebooksZip(target, lessons) : await exportNotebooks(target, lessons);
    const ms = Math.round(performance.now() - started);
    for (const file of written) console.log(`notebooks: ${values.zip ? file : path.relative(process.cwd(), file)}`);
    const shown = path.relative(process.cwd(), target);
    console.log(
      `notebooks: ${written.length} lesson(s) exported to ${(shown.startsWith("..") ? target : shown) || "."} in ${ms} ms; README.md there says how to set it up for Jupyter`,
    );
  } catch (error) {
    console.error(`export:notebooks: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
