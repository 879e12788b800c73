/**
 * Exercises as a lesson page shows them: the prompt compiled from MDX, the starter code, the hints,
 * the VISIBLE tests' script and the reference's answers to them as data (for the anonymous seed).
 * Hidden tests and the solution's code are never sent: the answers are computed here, on the server.
 */
import "server-only";
import { readFile } from "node:fs/promises";
import { getMDXComponent } from "mdx-bundler/client";
import { Exercise } from "@/components/Exercise";
import { StaticProse } from "@/components/StaticProse";
import { compilePrompt } from "@/course/lessons.server";
import { authorPreviewEnabled } from "@/grader/author-preview.server";
import type { ExpectedAnswers } from "@/engine/grading/harness";
import { type Exercise as ExerciseFiles, listExercises } from "@/course/exercises.server";
import { ANONYMOUS_LEARNER, browserCheckBundle, visibleAnswers } from "@/grader/exercises.server";

interface PageExercise {
  files: ExerciseFiles;
  promptCode: string;
  starter: string;
  checkTests: string;
  checkAnswers: { seed: number; answers: ExpectedAnswers };
}

async function preparePageExercise(files: ExerciseFiles): Promise<PageExercise> {
  const [promptCode, starter, checkTests, checkAnswers] = await Promise.all([
    compilePrompt(files.files.prompt),
    readFile(files.files.starter, "utf8"),
    browserCheckBundle(files),
    visibleAnswers(files, ANONYMOUS_LEARNER),
  ]);
  return { files, promptCode, starter, checkTests, checkAnswers };
}

/** The `<Exercise id="…">` component for one lesson's MDX: it knows only that lesson's exercises. */
export async function exerciseComponentFor(lesson: string) {
  const prepared = new Map<string, PageExercise>();
  for (const exercise of listExercises(undefined, { lesson })) {
    prepared.set(exercise.id, await preparePageExercise(exercise));
  }
  return function LessonExercise({ id }: { id: string }) {
    const exercise = prepared.get(id);
    if (!exercise) {
      throw new Error(
        `content/lessons/${lesson}.mdx: <Exercise id="${id}"> names no exercise: expected a folder content/exercises/${lesson}/${id}/ (this lesson has: ${[...prepared.keys()].join(", ") || "none"})`,
      );
    }
    const Prompt = getMDXComponent(exercise.promptCode);
    const { meta } = exercise.files;
    return (
      <Exercise
        id={meta.id}
        title={meta.title}
        starter={exercise.starter}
        hints={meta.hints}
        seeded={meta.seeded}
        budgetMs={meta.timeBudgetMs}
        checkTests={exercise.checkTests}
        checkAnswers={exercise.checkAnswers}
        maxAttempts={meta.maxAttempts}
        hintPenalty={meta.hintPenalty}
        authorPreview={authorPreviewEnabled()}
      >
        <Prompt components={{ StaticProse }} />
      </Exercise>
    );
  };
}
