/**
 * Exercises in exported notebooks: the prompt, the starter code and a check cell that runs the
 * VISIBLE tests (bundled with the grading harness next to the notebooks). Solutions, mistakes and
 * hidden tests are never read here.
 */
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import ts from "typescript";
import { type Exercise, listExercises } from "../../course/exercises.server";
import { visibleAnswers } from "../../grader/exercises.server";
import type { NotebookExercise } from "./lesson-to-notebook";
import { ROOT } from "./engine-bundle";

/** The names a tests file expects the learner to define: its `declare function` / `declare const`. */
export function learnerNames(testsSource: string): string[] {
  const file = ts.createSourceFile("tests.ts", testsSource, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const names: string[] = [];
  for (const statement of file.statements) {
    const declared = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((modifier) => modifier.kind === ts.SyntaxKind.DeclareKeyword);
    if (!declared) continue;
    if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) names.push(statement.name.text);
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) if (ts.isIdentifier(declaration.name)) names.push(declaration.name.text);
    }
  }
  return [...new Set(names)];
}

export function lessonExercises(lesson: string): Map<string, Exercise> {
  return new Map(listExercises(undefined, { lesson }).map((exercise) => [exercise.id, exercise]));
}

export function toNotebookExercise(exercise: Exercise): NotebookExercise {
  return {
    id: exercise.id,
    title: exercise.meta.title,
    prompt: readFileSync(exercise.files.prompt, "utf8"),
    starter: readFileSync(exercise.files.starter, "utf8"),
    visibleTests: readFileSync(exercise.files.visible, "utf8"),
    learnerNames: learnerNames(readFileSync(exercise.files.visible, "utf8")),
    hints: exercise.meta.hints,
  };
}

/** A notebook has no learner: a seeded exercise gets the numbers of this one (the course gives each learner theirs). */
const NOTEBOOK_LEARNER = "notebook";

/**
 * Bundles the visible tests and the harness as <outDir>/descent/exercises/<id>.cjs, with the
 * reference's answers to them as data, computed here (the solution's code never leaves the course).
 */
export async function buildExerciseCheck(outDir: string, exercise: Exercise): Promise<void> {
  const { seed, answers } = await visibleAnswers(exercise, NOTEBOOK_LEARNER);
  const dir = path.join(outDir, "descent", "exercises");
  mkdirSync(dir, { recursive: true });
  const entry = [
    `import tests from ${JSON.stringify(exercise.files.visible)};`,
    `import { checkInNotebook } from ${JSON.stringify(path.join(ROOT, "engine", "notebook-check.ts"))};`,
    // The notebook's own tf (descent/engine.cjs), so a tensor exercise's tests and the learner's code share one engine.
    ...(exercise.meta.tensors ? [`import { tf } from "descent-engine";`] : []),
    `const answers = ${JSON.stringify(answers)};`,
    `export const check = (learner) => checkInNotebook(tests, ${seed}, answers, learner${exercise.meta.tensors ? ", tf" : ""});`,
  ].join("\n");
  await build({
    stdin: { contents: entry, resolveDir: exercise.dir, loader: "ts", sourcefile: `${exercise.id}-check.ts` },
    outfile: path.join(dir, `${exercise.id}.cjs`),
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    tsconfig: path.join(ROOT, "tsconfig.json"),
    absWorkingDir: ROOT,
    logLevel: "warning",
    plugins: [{ name: "descent-engine", setup: (plugin) => void plugin.onResolve({ filter: /^descent-engine$/ }, () => ({ path: "../engine.cjs", external: true })) }],
  });
}
