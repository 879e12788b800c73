/**
 * An exercise's metadata (exercise.yaml), validated with zod wherever it is read: by
 * `npm run check:content`, by the lesson pages and by the server grader.
 */
import { z } from "zod";

export const mistakeSchema = z.strictObject({
  /** File under mistakes/, e.g. "forgets-the-mean.ts". */
  file: z.string().regex(/^[\w.-]+\.ts$/, "must be a .ts file name inside mistakes/, e.g. forgets-the-mean.ts"),
  /** What is wrong with it, for instructors reading the exercise. */
  about: z.string().min(1),
  /** The test this mistake must fail. */
  fails: z.string().min(1),
  /** Text the failure message must contain: the feedback this mistake earns. */
  feedback: z.string().min(1),
});

export const exerciseSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lower-case words joined by dashes, e.g. bernoulli-nll"),
  title: z.string().min(1),
  /** Revealed one at a time, in order. */
  hints: z.array(z.string().min(1)).default([]),
  /** When the results of hidden tests (name and message) are shown to learners; their points always count. */
  revealHidden: z.enum(["always", "after-due", "never"]).default("after-due"),
  /** ISO date-time; required when revealHidden is after-due. */
  due: z.iso.datetime({ offset: true }).optional(),
  /** Per-learner inputs: tests draw from a generator seeded by learner and exercise. Otherwise seed 0 for everyone. */
  seeded: z.boolean().default(false),
  /** A tensor exercise: the learner's code (and the reference solution) get TensorFlow.js as `tf`, as cells do. */
  tensors: z.boolean().default(false),
  /** Wall-clock budget for all tests of one submission, in ms. */
  timeBudgetMs: z.number().int().positive().max(60_000).default(5_000),
  mistakes: z.array(mistakeSchema).default([]),
}).refine((exercise) => exercise.revealHidden !== "after-due" || exercise.due !== undefined, {
  message: "revealHidden: after-due needs a due date, e.g. due: 2027-01-31T23:59:00Z",
  path: ["due"],
});

export type ExerciseMeta = z.infer<typeof exerciseSchema>;
export type Mistake = z.infer<typeof mistakeSchema>;
