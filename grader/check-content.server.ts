/**
 * What `npm run check:content` checks for every exercise: its metadata is valid, the reference
 * solution passes every test, the starter fails at least one, and each declared mistake fails the
 * test it names with the feedback it declares. Every problem names a file and a line.
 */
import "server-only";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { grade, maxScoreOf, pointsOf, type TestCase } from "@/engine/grading/harness";
import { ContentError, type Exercise, listExercises, rel } from "@/course/exercises.server";
import { buildTests, loadTests, referenceAnswers } from "./exercises.server";
import { nodeRealm } from "./node-realm.server";
import { TODO_MARKER } from "./scaffold.server";

/** Seeds the checks run with: per-learner exercises must work for more than one learner. */
const SEEDS = [1, 2_024_117];

export async function exerciseTests(exercise: Exercise, seed: number): Promise<{ visible: TestCase[]; hidden: TestCase[] }> {
  const visible = buildTests(await loadTests(exercise.files.visible), seed, exercise.files.visible);
  const hidden = exercise.files.hidden ? buildTests(await loadTests(exercise.files.hidden), seed, exercise.files.hidden) : [];
  return { visible, hidden };
}

/** Every line of an exercise's files still marked by `npm run new:exercise` as to be filled in. */
export function unfilled(exercise: Exercise): ContentError[] {
  const mistakesDir = join(/*turbopackIgnore: true*/ exercise.dir, "mistakes");
  const files = [
    join(/*turbopackIgnore: true*/ exercise.dir, "exercise.yaml"),
    ...Object.values(exercise.files),
    ...(existsSync(mistakesDir) ? readdirSync(mistakesDir).map((name) => join(/*turbopackIgnore: true*/ mistakesDir, name)) : []),
  ];
  return files.flatMap((file) =>
    readFileSync(file, "utf8")
      .split("\n")
      .flatMap((line, i) => (line.includes(TODO_MARKER) ? [new ContentError(rel(file), i + 1, `still to fill in: ${line.slice(line.indexOf(TODO_MARKER) + TODO_MARKER.length).replace(/^[:\s]+/, "").replace(/["*/}\s]+$/, "")}`)] : [])),
  );
}

export async function checkExercise(exercise: Exercise): Promise<ContentError[]> {
  // A new exercise's placeholders make the grading checks below meaningless: report what is left first.
  const left = unfilled(exercise);
  if (left.length > 0) return left;
  const problems: ContentError[] = [];
  const metaFile = rel(join(/*turbopackIgnore: true*/ exercise.dir, "exercise.yaml"));
  for (const seed of exercise.meta.seeded ? SEEDS : [0]) {
    const { visible, hidden } = await exerciseTests(exercise, seed);
    const all = [...visible, ...hidden];
    const names = new Set<string>();
    for (const test of all) {
      if (names.has(test.name)) problems.push(new ContentError(rel(testFileOf(exercise, test, visible)), 1, `has two tests named "${test.name}": names must be unique`));
      names.add(test.name);
      const points = pointsOf(test);
      if (!(Number.isInteger(points) && points > 0)) problems.push(new ContentError(rel(testFileOf(exercise, test, visible)), 1, `test "${test.name}" has points ${points}: use a whole number above 0`));
    }
    const maxScore = maxScoreOf(all);
    const { meta } = exercise;
    if (meta.hintPenalty * meta.hints.length > maxScore) {
      problems.push(new ContentError(metaFile, exercise.metaLine(["hintPenalty"]), `hintPenalty ${meta.hintPenalty} × ${meta.hints.length} hints takes off more than the ${maxScore} points there are: lower it`));
    }
    if (meta.hintPenalty > 0 && meta.hints.length === 0) problems.push(new ContentError(metaFile, exercise.metaLine(["hintPenalty"]), "hintPenalty is set but the exercise has no hints"));
    if (visible.length === 0) problems.push(new ContentError(rel(exercise.files.visible), 1, "defines no tests: learners need at least one visible test"));

    const realm = (file: string) => nodeRealm(readFileSync(file, "utf8"), { tensors: exercise.meta.tensors });
    const answers = await referenceAnswers(exercise, all);
    const solution = await grade(all, realm(exercise.files.solution), answers);
    for (const result of solution.tests.filter((r) => !r.passed)) {
      problems.push(new ContentError(rel(exercise.files.solution), 1, `the reference solution fails test "${result.name}" (seed ${seed}): ${result.message}`));
    }
    const starter = await grade(all, realm(exercise.files.starter), answers);
    if (starter.tests.every((r) => r.passed)) {
      problems.push(new ContentError(rel(exercise.files.starter), 1, "passes every test: the starter code should leave the learner something to do"));
    }
    for (const [index, mistake] of exercise.meta.mistakes.entries()) {
      const line = exercise.metaLine(["mistakes", index, "fails"]);
      if (!names.has(mistake.fails)) {
        problems.push(new ContentError(metaFile, line, `mistake ${mistake.file} names test "${mistake.fails}", which does not exist (tests: ${[...names].map((n) => `"${n}"`).join(", ")})`));
        continue;
      }
      const file = join(/*turbopackIgnore: true*/ exercise.dir, "mistakes", mistake.file);
      const result = (await grade(all, realm(file), answers)).tests.find((r) => r.name === mistake.fails);
      if (result?.passed) {
        problems.push(new ContentError(rel(file), 1, `passes test "${mistake.fails}", which exercise.yaml says it fails`));
      } else if (result && !result.message.includes(mistake.feedback)) {
        problems.push(new ContentError(rel(file), 1, `fails test "${mistake.fails}" with "${result.message}", which does not contain the declared feedback "${mistake.feedback}"`));
      }
    }
    if (problems.length > 0) break;
  }
  return problems;
}

/** Checks every exercise; a folder that cannot even be read is reported and the rest still run. */
export async function checkAllContent(root?: string): Promise<{ checked: number; problems: ContentError[] }> {
  const problems: ContentError[] = [];
  let checked = 0;
  let exercises: Exercise[] = [];
  try {
    exercises = listExercises(root);
  } catch (error) {
    if (error instanceof ContentError) return { checked: 0, problems: [error] };
    throw error;
  }
  for (const exercise of exercises) {
    checked++;
    try {
      problems.push(...(await checkExercise(exercise)));
    } catch (error) {
      if (error instanceof ContentError) problems.push(error);
      else problems.push(new ContentError(rel(exercise.dir), 1, `could not be checked: ${(error as Error).message}`));
    }
  }
  return { checked, problems };
}

function testFileOf(exercise: Exercise, test: TestCase, visible: TestCase[]): string {
  return visible.includes(test) ? exercise.files.visible : (exercise.files.hidden ?? exercise.files.visible);
}

