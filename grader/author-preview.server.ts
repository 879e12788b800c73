/**
 * The author preview of `npm run dev`: an exercise's tests (visible and hidden) run against its
 * reference solution and each declared mistake, read fresh from disk on every call, so the page
 * follows the author's edits. Never served in production (the route answers 404 there).
 */
import "server-only";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { grade } from "@/engine/grading/harness";
import { exerciseTests } from "./check-content.server";
import { ContentError, type Exercise, listExercises } from "@/course/exercises.server";
import type { AuthorPreview, PreviewColumn } from "@/app/api/contract";
import { referenceAnswers } from "./exercises.server";
import { nodeRealm } from "./node-realm.server";

export const authorPreviewEnabled = () => process.env.NODE_ENV !== "production" || process.env.DESCENT_AUTHOR_PREVIEW === "1";

export async function authorPreview(exerciseId: string): Promise<AuthorPreview | undefined> {
  let exercise: Exercise | undefined;
  try {
    exercise = listExercises().find((candidate) => candidate.id === exerciseId);
  } catch (error) {
    return { error: (error as Error).message };
  }
  if (!exercise) return undefined;
  const { meta } = exercise;
  try {
    const { visible, hidden } = await exerciseTests(exercise, 0);
    const all = [...visible, ...hidden];
    const answers = await referenceAnswers(exercise, all);
    const run = async (file: string) =>
      (await grade(all, nodeRealm(readFileSync(file, "utf8"), { tensors: meta.tensors }), answers)).tests.map((test, i) => ({ ...test, hidden: i >= visible.length }));
    const columns: PreviewColumn[] = [{ name: "solution", tests: await run(exercise.files.solution) }];
    for (const mistake of exercise.meta.mistakes) {
      const tests = await run(join(/*turbopackIgnore: true*/ exercise.dir, "mistakes", mistake.file));
      const declared = tests.find((test) => test.name === mistake.fails);
      columns.push({ name: mistake.file, about: mistake.about, asDeclared: declared !== undefined && !declared.passed && declared.message.includes(mistake.feedback), tests });
    }
    return { columns };
  } catch (error) {
    return { error: error instanceof ContentError ? error.message : `could not run the tests: ${(error as Error).message}` };
  }
}
