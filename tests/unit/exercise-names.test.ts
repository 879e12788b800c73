/**
 * **Check** runs in the page's kernel, where the learner has usually run the lesson's cells first, and
 * cells share one global scope. So an exercise must not define a name its lesson defines (the kernel
 * lets the later definition win silently: a learner's `function crossEntropy` would replace the
 * lesson's, and the lesson's later cells would then compute something else). Check passing next to
 * the lesson's globals is tested in exercise-checks-after-lesson.test.ts.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { listLessons } from "@/course/lessons.server";
import { listExercises } from "@/course/exercises.server";
import { renderLesson } from "./lesson-source";

/** Names declared at the top level of a cell or file (declarations that start a line, unindented). */
function topLevelNames(code: string): Set<string> {
  const names = new Set<string>();
  for (const match of code.matchAll(/^(?:export\s+)?(?:async\s+)?(?:function\*?|const|let|var|class|type|interface|enum)\s+([A-Za-z_$][\w$]*)/gm)) {
    if (match[1]) names.add(match[1]);
  }
  return names;
}

const exercises = listExercises();
const lessons = (await listLessons()).map((lesson) => lesson.slug).filter((slug) => exercises.some((exercise) => exercise.lesson === slug));

describe.each(lessons.map((slug) => [slug] as const))("lesson %s", (slug) => {
  test("no exercise defines a name the lesson defines", async () => {
    const { cells } = await renderLesson(slug);
    const lessonNames = new Map<string, number>();
    for (const { index, code } of cells) for (const name of topLevelNames(code)) if (!lessonNames.has(name)) lessonNames.set(name, index);
    const clashes = exercises
      .filter((exercise) => exercise.lesson === slug)
      .flatMap((exercise) =>
        (["starter", "solution"] as const).flatMap((file) =>
          [...topLevelNames(readFileSync(exercise.files[file], "utf8"))]
            .filter((name) => lessonNames.has(name))
            .map((name) => `${exercise.id}/${file}.ts defines ${name}, which ${slug} cell ${lessonNames.get(name)} also defines`),
        ),
      );
    expect(clashes, `${slug}: an exercise's code would replace the lesson's own definitions in the shared kernel`).toEqual([]);
  });
});
