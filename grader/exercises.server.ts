/**
 * Finding and loading exercises on the server and in tooling (never in a page).
 *
 * Layout: content/exercises/<lesson-slug>/<exercise-id>/ holds exercise.yaml, prompt.mdx, starter.ts,
 * solution.ts, tests.visible.ts, tests.hidden.ts (optional) and mistakes/*.ts.
 */
import "server-only";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { build } from "esbuild";
import yaml from "js-yaml";
import { answersOf, type ExpectedAnswers, type TestCase, type TestFile } from "@/engine/grading/harness";
import { GRADING_GLOBAL, TESTS_GLOBAL } from "@/engine/grading/kernel-check";
import { type ExerciseMeta, exerciseSchema } from "@/engine/grading/schema";
import { learnerSeed } from "@/engine/grading/seed";
import { nodeRealm } from "./node-realm.server";

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
  const text = readFileSync(metaFile, "utf8");
  let raw: unknown;
  try {
    raw = yaml.load(text, { schema: yaml.CORE_SCHEMA }); // no timestamp parsing: dates stay text for zod
  } catch (error) {
    const mark = (error as { mark?: { line: number } }).mark;
    throw new ContentError(rel(metaFile), (mark?.line ?? 0) + 1, `is not valid YAML: ${(error as Error).message.split("\n")[0]}`);
  }
  const parsed = exerciseSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.map(String) ?? [];
    throw new ContentError(rel(metaFile), lineOfPath(text, path), `${path.join(".") || "exercise"} ${issue?.message ?? "is invalid"}`);
  }
  const meta = parsed.data;
  const folder = dir.split(/[\\/]/).pop();
  if (meta.id !== folder) {
    throw new ContentError(rel(metaFile), lineOfPath(text, ["id"]), `id "${meta.id}" must match its folder's name "${folder}"`);
  }
  const file = (name: string, required: boolean) => {
    const path = join(/*turbopackIgnore: true*/ dir, name);
    if (!existsSync(path)) {
      if (required) throw new ContentError(rel(path), 1, `is missing: exercise "${meta.id}" needs ${name}`);
      return undefined;
    }
    return path;
  };
  for (const mistake of meta.mistakes) {
    if (!existsSync(join(/*turbopackIgnore: true*/ dir, "mistakes", mistake.file))) {
      throw new ContentError(rel(metaFile), lineOfText(text, mistake.file), `mistake file mistakes/${mistake.file} does not exist`);
    }
  }
  const hidden = file("tests.hidden.ts", false);
  return {
    id: meta.id,
    lesson,
    dir,
    meta,
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

/** Compiles a tests file (and what it imports) and returns its default export. */
export async function loadTests(file: string): Promise<TestFile> {
  const code = await bundle({ entryPoints: [file], format: "cjs", platform: "neutral", minify: false }, file);
  const module = { exports: {} as Record<string, unknown> };
  new Function("module", "exports", code)(module, module.exports);
  const tests = module.exports.default as TestFile | undefined;
  if (!tests || typeof tests.build !== "function") {
    throw new ContentError(rel(file), 1, 'must end with `export default defineTests((t) => { ... })`, importing defineTests from "@/engine/grading"');
  }
  return tests;
}

/** Builds the tests, naming the file when the factory itself throws. */
export function buildTests(tests: TestFile, seed: number, file: string): TestCase[] {
  try {
    return tests.build(seed);
  } catch (error) {
    throw new ContentError(rel(file), 1, `threw while defining its tests: ${(error as Error).message}`);
  }
}

/**
 * The reference solution's answers to `tests`, computed here on the server (solution.ts is trusted
 * course code, so a Node `vm` context is enough). Names solution.ts when it cannot answer a test.
 */
export async function referenceAnswers(exercise: Exercise, tests: TestCase[]): Promise<ExpectedAnswers> {
  try {
    return await answersOf(tests, nodeRealm(readFileSync(exercise.files.solution, "utf8"), { tensors: exercise.meta.tensors }));
  } catch (error) {
    throw new ContentError(rel(exercise.files.solution), 1, (error as Error).message);
  }
}

/** Whose numbers a page shows before anyone signs in (and a seeded exercise's offline fallback). */
export const ANONYMOUS_LEARNER = "anonymous";

export function seedOf(exercise: Exercise, learnerEmail: string): number {
  return exercise.meta.seeded ? learnerSeed(learnerEmail, exercise.id) : 0;
}

/** What **Check** needs for one learner besides the tests' script: their seed and the reference's answers to the VISIBLE tests. */
export async function visibleAnswers(exercise: Exercise, learnerEmail: string): Promise<{ seed: number; answers: ExpectedAnswers }> {
  const seed = seedOf(exercise, learnerEmail);
  const tests = buildTests(await loadTests(exercise.files.visible), seed, exercise.files.visible);
  return { seed, answers: await referenceAnswers(exercise, tests) };
}

/**
 * The script **Check** sends to the browser kernel: the VISIBLE tests only (inputs, `run` and
 * `check`; never the solution, never hidden tests), as a script that defines `__descentTests`. The
 * harness is not in it: `@/engine/grading` resolves to the kernel's own (engine/grading/kernel-check.ts).
 */
export async function browserCheckBundle(exercise: Exercise): Promise<string> {
  return bundle(
    {
      entryPoints: [exercise.files.visible],
      format: "iife",
      globalName: TESTS_GLOBAL,
      platform: "browser",
      // Whitespace only: a test's `run` is sent into the learner's scope as source text, so its names stay as written.
      minifyWhitespace: true,
      plugins: [
        {
          name: "kernel-grading",
          setup(plugin) {
            plugin.onResolve({ filter: /^@\/engine\/grading$/ }, () => ({ path: "grading", namespace: "kernel" }));
            plugin.onLoad({ filter: /.*/, namespace: "kernel" }, () => ({ contents: `module.exports = ${GRADING_GLOBAL};`, loader: "js" }));
          },
        },
      ],
    },
    exercise.files.visible,
  );
}

async function bundle(options: Parameters<typeof build>[0], file: string): Promise<string> {
  try {
    const result = await build({
      ...options,
      bundle: true,
      write: false,
      target: "es2022",
      logLevel: "silent",
      tsconfig: join(/*turbopackIgnore: true*/ ROOT, "tsconfig.json"),
      absWorkingDir: ROOT,
    });
    return result.outputFiles[0]?.text ?? "";
  } catch (error) {
    const first = (error as { errors?: { text: string; location?: { file: string; line: number } }[] }).errors?.[0];
    if (first) throw new ContentError(first.location?.file ?? rel(file), first.location?.line ?? 1, first.text);
    throw error;
  }
}

/** The 1-based line of a key path (e.g. ["mistakes", "1", "fails"]) in a simple YAML file. */
function lineOfPath(text: string, path: string[]): number {
  const lines = text.split("\n");
  let from = 0;
  let indent = "";
  for (const part of path) {
    if (/^\d+$/.test(part)) {
      let seen = -1;
      for (let i = from; i < lines.length; i++) {
        if (/^\s*- /.test(lines[i] ?? "") && (seen += 1) === Number(part)) {
          from = i;
          indent = (lines[i] ?? "").replace(/- .*/, "  ").replace(/\S.*/, "");
          // The item's first key sits on the dash line.
          lines[i] = (lines[i] ?? "").replace("- ", "  ");
          break;
        }
      }
      continue;
    }
    const found = lines.findIndex((line, i) => i >= from && new RegExp(`^${indent}\\s*${part}\\s*:`).test(line));
    if (found === -1) return from + 1;
    from = found;
  }
  return from + 1;
}

function lineOfText(text: string, needle: string): number {
  const index = text.split("\n").findIndex((line) => line.includes(needle));
  return index === -1 ? 1 : index + 1;
}
