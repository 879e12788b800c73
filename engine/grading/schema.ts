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

/** What happens to a submission after `due` (checked on the server at submission time). */
export const lateSchema = z.strictObject({
  /** Points off per started day after `due`. */
  penaltyPerDay: z.number().min(0).default(0),
  /** Days after `due` past which the rule below applies; before it, only the penalty. */
  lastDay: z.number().int().min(0),
  /** After the last day: `refuse` (the API answers 403) or `zero` (accepted, scored 0). */
  after: z.enum(["refuse", "zero"]).default("refuse"),
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
  /** Submissions a learner may make; the next one is refused with 409. Unlimited when absent. */
  maxAttempts: z.number().int().positive().optional(),
  /** The late policy; needs `due`. */
  late: lateSchema.optional(),
  /** Points off per hint a signed-in learner opened (recorded on the server). */
  hintPenalty: z.number().min(0).default(0),
}).refine((exercise) => exercise.revealHidden !== "after-due" || exercise.due !== undefined, {
  message: "revealHidden: after-due needs a due date, e.g. due: 2027-01-31T23:59:00Z",
  path: ["due"],
}).refine((exercise) => exercise.late === undefined || exercise.due !== undefined, {
  message: "late needs a due date, e.g. due: 2027-01-31T23:59:00Z",
  path: ["due"],
});

export type ExerciseMeta = z.infer<typeof exerciseSchema>;
export type Mistake = z.infer<typeof mistakeSchema>;
export type LatePolicy = z.infer<typeof lateSchema>;
