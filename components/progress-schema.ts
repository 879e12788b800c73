/**
 * The shape of a learner's progress (components/progress-model.ts), checked where it crosses a
 * boundary: localStorage and GET/PUT /api/progress. A module of its own so the page loads zod only
 * after it is interactive (progress-store imports it lazily); the course index would otherwise load
 * it before anything else.
 */
// zod/mini: the same checks at a fraction of the bytes; the course index would otherwise load all of zod for this.
import * as z from "zod/mini";

export const exerciseProgressSchema = z.object({
  checked: z.boolean(),
  passed: z.boolean(),
  /** The best score of a graded submission, and out of how many points. */
  best: z.nullable(z.number()),
  max: z.nullable(z.number()),
});

export const lessonProgressSchema = z.object({
  cells: z.array(z.number().check(z.int(), z.positive())).check(z.maxLength(1000)),
  exercises: z.record(z.string().check(z.maxLength(200)), exerciseProgressSchema),
});

export const positionSchema = z.object({
  lesson: z.string().check(z.maxLength(200)),
  section: z.optional(z.string().check(z.maxLength(200))),
  at: z.string().check(z.maxLength(40)),
});

export const progressSchema = z.object({
  lessons: z.record(z.string().check(z.maxLength(200)), lessonProgressSchema),
  last: z.optional(positionSchema),
});

export type ExerciseProgress = z.infer<typeof exerciseProgressSchema>;
export type LessonProgress = z.infer<typeof lessonProgressSchema>;
export type Position = z.infer<typeof positionSchema>;
export type Progress = z.infer<typeof progressSchema>;
