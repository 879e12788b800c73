/**
 * Running an exercise's files on the server and in tooling (never in a page): compiling its tests,
 * the reference solution's answers, the script **Check** sends to the browser. Reading exercises
 * is course/exercises.server.ts.
 */
import "server-only";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { answersOf, type ExpectedAnswers, type TestCase, type TestFile } from "@/engine/grading/harness";
import { GRADING_GLOBAL, TESTS_GLOBAL } from "@/engine/grading/kernel-check";
import { learnerSeed } from "@/engine/grading/seed";
import { ContentError, type Exercise, rel, ROOT } from "@/course/exercises.server";
import { nodeRealm } from "./node-realm.server";

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

/**
 * Builds the tests, naming the file when the factory itself throws. Their inputs come back frozen:
 * the grader keeps one learner's tests for all their submissions, so a check that changed its input
 * would change the next submission's test; frozen, such a check fails at once (check:content).
 */
export function buildTests(tests: TestFile, seed: number, file: string): TestCase[] {
  let built: TestCase[];
  try {
    built = tests.build(seed);
  } catch (error) {
    throw new ContentError(rel(file), 1, `threw while defining its tests: ${(error as Error).message}`);
  }
  for (const test of built) deepFreeze(test.input);
  return built;
}

function deepFreeze(value: unknown): void {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return;
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  Object.freeze(value);
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
