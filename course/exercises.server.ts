/**
 * The exercise model: finding exercise folders and reading each one's exercise.yaml (checked by its
 * schema, with every problem placed at its file and line by the YAML library's own positions) and
 * its files. Used by the pages, the grader, the scripts and the tests alike.
 *
 * Layout: content/exercises/<lesson-slug>/<exercise-id>/ holds exercise.yaml, prompt.mdx, starter.ts,
 * solution.ts, tests.visible.ts, tests.hidden.ts (optional) and mistakes/*.ts.
 */
import "server-only";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { type ExerciseMeta, exerciseSchema } from "@/engine/grading/schema";
import { issuePath, parseYaml, YamlSyntaxError, type YamlText } from "./yaml";

export const ROOT = process.cwd();
export const EXERCISES_DIR = join(/*turbopackIgnore: true*/ ROOT, "content", "exercises");

/** A problem in an exercise's files, with where it is. */
export class ContentError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`${file}:${line}: ${problem}`);
    this.name = "ContentError";
  }
}

export interface Exercise {
  id: string;
  lesson: string;
  dir: string;
  meta: ExerciseMeta;
  /** The line of a field of exercise.yaml, e.g. ["mistakes", 0, "file"] (1 when it is not there). */
  metaLine: (path: readonly PropertyKey[]) => number;
  files: { prompt: string; starter: string; solution: string; visible: string; hidden?: string };
}

export const rel = (path: string) => relative(ROOT, path);

/** Every exercise folder, sorted by lesson then id. */
export function exerciseDirs(root = EXERCISES_DIR): { lesson: string; dir: string }[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((lesson) =>
      readdirSync(join(/*turbopackIgnore: true*/ root, lesson.name), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => ({ lesson: lesson.name, dir: join(/*turbopackIgnore: true*/ root, lesson.name, entry.name) })),
    )
    .sort((a, b) => a.dir.localeCompare(b.dir));
}

/** Reads and validates one exercise folder; throws a ContentError naming file and line. */
export function readExercise(lesson: string, dir: string): Exercise {
  const metaFile = join(/*turbopackIgnore: true*/ dir, "exercise.yaml");
  if (!existsSync(metaFile)) throw new ContentError(rel(metaFile), 1, "is missing: every exercise folder needs an exercise.yaml");
  let yaml: YamlText;
  try {
    yaml = parseYaml(readFileSync(metaFile, "utf8"));
  } catch (error) {
    if (error instanceof YamlSyntaxError) throw new ContentError(rel(metaFile), error.line, `is not valid YAML: ${error.reason}`);
    throw error;
  }
  const metaLine = (path: readonly PropertyKey[]) => yaml.lineOf(path) ?? 1;
  const parsed = exerciseSchema.safeParse(yaml.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue ? issuePath(issue) : [];
    throw new ContentError(rel(metaFile), metaLine(path), `${issue?.path.join(".") || "exercise"} ${issue?.message ?? "is invalid"}`);
  }
  const meta = parsed.data;
  const folder = dir.split(/[\\/]/).pop();
  if (meta.id !== folder) {
    throw new ContentError(rel(metaFile), metaLine(["id"]), `id "${meta.id}" must match its folder's name "${folder}"`);
  }
  const file = (name: string, required: boolean) => {
    const path = join(/*turbopackIgnore: true*/ dir, name);
    if (!existsSync(path)) {
      if (required) throw new ContentError(rel(path), 1, `is missing: exercise "${meta.id}" needs ${name}`);
      return undefined;
    }
    return path;
  };
  meta.mistakes.forEach((mistake, index) => {
    if (!existsSync(join(/*turbopackIgnore: true*/ dir, "mistakes", mistake.file))) {
      throw new ContentError(rel(metaFile), metaLine(["mistakes", index, "file"]), `mistake file mistakes/${mistake.file} does not exist`);
    }
  });
  const hidden = file("tests.hidden.ts", false);
  return {
    id: meta.id,
    lesson,
    dir,
    meta,
    metaLine,
    files: {
      prompt: file("prompt.mdx", true) as string,
      starter: file("starter.ts", true) as string,
      solution: file("solution.ts", true) as string,
      visible: file("tests.visible.ts", true) as string,
      ...(hidden ? { hidden } : {}),
    },
  };
}

/**
 * Every exercise (or one lesson's). A serving process passes `skipInvalid` so that one half-written
 * exercise does not take the others down; `npm run check:content` reports it instead.
 */
export function listExercises(root = EXERCISES_DIR, options: { lesson?: string; skipInvalid?: boolean } = {}): Exercise[] {
  return exerciseDirs(root)
    .filter(({ lesson }) => options.lesson === undefined || lesson === options.lesson)
    .flatMap(({ lesson, dir }) => {
      try {
        return [readExercise(lesson, dir)];
      } catch (error) {
        if (!options.skipInvalid || !(error instanceof ContentError)) throw error;
        console.error(`descent: skipping an invalid exercise: ${error.message}`);
        return [];
      }
    });
}
