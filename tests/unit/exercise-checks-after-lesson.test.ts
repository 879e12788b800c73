/**
 * **Check** runs in the page's kernel, where the learner has usually run the lesson's cells first, and
 * cells share one global scope. So an exercise's reference solution and visible tests must still work
 * next to the lesson's globals. This test runs every lesson's cells, then each of its exercises'
 * reference solution and Check, in the same kernel.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { listLessons } from "@/course/lessons.server";
import { startNodeKernel } from "@/engine/node-host";
import { listExercises } from "@/course/exercises.server";
import { checkInKernel } from "./check-in-kernel";
import { renderLesson } from "./lesson-source";

const exercises = listExercises();
const lessons = (await listLessons()).map((lesson) => lesson.slug).filter((slug) => exercises.some((exercise) => exercise.lesson === slug));

describe.each(lessons.map((slug) => [slug] as const))("lesson %s", (slug) => {
  test("each exercise's Check gives its reference solution full marks after the lesson's cells ran", { timeout: 180_000 }, async () => {
    const { kernel } = await startNodeKernel({ backend: "cpu" });
    const { cells } = await renderLesson(slug);
    for (const { index, code } of cells) {
      const reply = await kernel.execute({ id: `${slug}-${index}`, cellName: `cell-${index}`, code });
      if (reply.status === "error") expect.fail(`${slug}, cell ${index}: ${reply.error.name}: ${reply.error.message}`);
    }
    for (const exercise of exercises.filter((e) => e.lesson === slug)) {
      const grade = await checkInKernel(kernel, exercise, readFileSync(exercise.files.solution, "utf8"));
      const failed = grade?.tests.filter((t) => !t.passed).map((t) => `${t.name}: ${t.message}`);
      expect(failed, `${exercise.id}: visible tests the reference solution fails after ${slug}'s cells`).toEqual([]);
    }
  });
});
