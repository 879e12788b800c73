/**
 * npm run import:notebook -- <file.ipynb> [--force] [--keep-outputs]: turns a tslab notebook into a
 * lesson skeleton at content/lessons/<slug>.mdx. An existing lesson is kept unless --force is given;
 * the cells' saved outputs are dropped unless --keep-outputs is given.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { LessonError, parseLesson } from "../course/lesson";
import { LESSONS_DIR } from "../course/lessons.server";
import { notebookToLesson } from "./notebooks/notebook-to-lesson";

/**
 * The place after the last lesson in the course, for a notebook that does not say where it goes.
 * A lesson that does not parse has no place (the build reports it): it is passed over.
 */
function nextOrder(lessonsDir: string): number {
  let last = 0;
  for (const name of readdirSync(lessonsDir).filter((file) => file.endsWith(".mdx"))) {
    const file = path.join(lessonsDir, name);
    try {
      last = Math.max(last, parseLesson(readFileSync(file, "utf8"), file).frontmatter.order);
    } catch (error) {
      if (!(error instanceof LessonError)) throw error;
    }
  }
  return last + 1;
}

export function importNotebook(file: string, { force = false, keepOutputs = false, lessonsDir = LESSONS_DIR } = {}): string {
  const json = readFileSync(file, "utf8");
  const relative = path.relative(process.cwd(), file);
  const shown = relative && !relative.startsWith("..") ? relative : file;
  const { slug, mdx } = notebookToLesson(json, shown, { nextOrder: nextOrder(lessonsDir), keepOutputs });
  const target = path.join(lessonsDir, `${slug}.mdx`);
  if (existsSync(target) && !force) {
    throw new Error(`${path.relative(process.cwd(), target)} already exists: pass --force to overwrite it, or rename the notebook`);
  }
  writeFileSync(target, mdx);
  return target;
}

if (process.argv[1] === import.meta.filename) {
  try {
    const { values, positionals } = parseArgs({
      options: { force: { type: "boolean", default: false }, "keep-outputs": { type: "boolean", default: false } },
      allowPositionals: true,
    });
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new Error("usage: npm run import:notebook -- <file.ipynb> [--force] [--keep-outputs]");
    const target = importNotebook(path.resolve(file), { force: values.force, keepOutputs: values["keep-outputs"] });
    console.log(`import:notebook: wrote ${path.relative(process.cwd(), target)}: review its front matter (title, order, summary), then run npm run dev`);
  } catch (error) {
    console.error(`import:notebook: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
