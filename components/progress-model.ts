/**
 * A learner's progress through the course, as data: per lesson, the authored cells that ran
 * without error, each exercise's Check (checked, passed) and best submitted score, and where the
 * learner was last. Pure functions, shared by the page (kept in localStorage) and the server (kept
 * per signed-in learner). Merging only ever adds (a union of cells, "passed" once passed, the best
 * of two scores), so two devices' copies merge without conflict, in any order.
 */
import type { LessonSection } from "@/course/lesson";
import type { ExerciseProgress, LessonProgress, Progress } from "./progress-schema";

export type { ExerciseProgress, LessonProgress, Position, Progress } from "./progress-schema";

export const emptyLesson = (): LessonProgress => ({ cells: [], exercises: {} });
export const emptyProgress = (): Progress => ({ lessons: {} });

const bestOf = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));

export function mergeExercise(a: ExerciseProgress | undefined, b: ExerciseProgress | undefined): ExerciseProgress {
  if (!a || !b) return (a ?? b) as ExerciseProgress;
  return { checked: a.checked || b.checked, passed: a.passed || b.passed, best: bestOf(a.best, b.best), max: bestOf(a.max, b.max) };
}

export function mergeLesson(a: LessonProgress | undefined, b: LessonProgress | undefined): LessonProgress {
  const x = a ?? emptyLesson();
  const y = b ?? emptyLesson();
  const exercises: Record<string, ExerciseProgress> = { ...x.exercises };
  for (const [id, value] of Object.entries(y.exercises)) exercises[id] = mergeExercise(exercises[id], value);
  return { cells: [...new Set([...x.cells, ...y.cells])].sort((m, n) => m - n), exercises };
}

export function mergeProgress(a: Progress, b: Progress): Progress {
  const lessons: Record<string, LessonProgress> = { ...a.lessons };
  for (const [slug, value] of Object.entries(b.lessons)) lessons[slug] = mergeLesson(lessons[slug], value);
  const last = !a.last ? b.last : !b.last ? a.last : a.last.at >= b.last.at ? a.last : b.last;
  return last ? { lessons, last } : { lessons };
}

/** Whether a section's work is done: each of its cells ran, each of its exercises passed. */
export function sectionDone(section: Pick<LessonSection, "cells" | "exercises">, lesson: LessonProgress | undefined): boolean {
  const ran = new Set(lesson?.cells ?? []);
  return section.cells.every((cell) => ran.has(cell)) && section.exercises.every((id) => lesson?.exercises[id]?.passed === true);
}

/** Sections that hold work (cells or exercises); prose-only sections such as the objectives do not count. */
export const countedSections = <S extends Pick<LessonSection, "cells" | "exercises">>(sections: S[]) =>
  sections.filter((section) => section.cells.length > 0 || section.exercises.length > 0);
