/**
 * The HTTP API's answers, declared once as zod schemas: the grader builds them (the types below),
 * the routes send them, and the components that call the API parse them with the same schemas
 * instead of trusting a cast. Request bodies stay with their routes, which alone read them.
 */
import * as z from "zod/mini";
import { testResultSchema } from "@/engine/protocol";

/** One rubric line of a review by hand: points up (positive) or down (negative), and why. */
export const reviewLineSchema = z.object({ points: z.number(), comment: z.string() });
export type ReviewLine = z.infer<typeof reviewLineSchema>;

export const reviewSchema = z.object({
  lines: z.array(reviewLineSchema),
  comment: z.string(),
  /** The sum of the lines' points. */
  points: z.number(),
  reviewedAt: z.string(),
});
export type Review = z.infer<typeof reviewSchema>;

export const effectiveScoreSchema = z.object({
  score: z.number(),
  maxScore: z.number(),
  /** How it was computed, one line per step, e.g. "late 2 days × 1 point: −2 → 9". */
  steps: z.array(z.string()),
});
export type EffectiveScore = z.infer<typeof effectiveScoreSchema>;

export const submissionStatusSchema = z.enum(["queued", "running", "graded"]);
export type SubmissionStatus = z.infer<typeof submissionStatusSchema>;

/** `POST /api/submissions` and `GET /api/submissions/:id`: a submission as its learner (or an instructor) sees it. */
export const submissionViewSchema = z.object({
  id: z.string(),
  status: submissionStatusSchema,
  score: z.number(),
  maxScore: z.number(),
  tests: z.array(testResultSchema),
  /** An instructor's review by hand, when there is one. */
  review: z.optional(reviewSchema),
  /** The score that counts (review, late policy, hints) and how it was computed; once graded. */
  effective: z.optional(effectiveScoreSchema),
  /** The exercise's `maxAttempts` and how many of them this learner has used. */
  attempts: z.optional(z.object({ used: z.number(), max: z.number() })),
});
export type SubmissionView = z.infer<typeof submissionViewSchema>;

/** `GET /api/exercises/:id/visible`: the learner's seed and the reference's answers to the visible tests (JSON text per test name). */
export const visibleAnswersSchema = z.object({ seed: z.int(), answers: z.record(z.string(), z.string()) });
export type VisibleAnswers = z.infer<typeof visibleAnswersSchema>;

/** A learner's saved code for one cell or exercise; `version` goes up by one per save. */
export const draftSchema = z.object({ key: z.string(), lesson: z.string(), code: z.string(), version: z.int(), updatedAt: z.string() });
export type Draft = z.infer<typeof draftSchema>;

/** `GET /api/drafts?lesson=`; `PUT /api/drafts` answers `{draft}` (200) or `{error, current}` (409). */
export const draftsAnswerSchema = z.object({ drafts: z.array(draftSchema) });
export const draftSavedSchema = z.object({ draft: draftSchema });
export const draftConflictSchema = z.object({ error: z.string(), current: draftSchema });

/** Every error answer: `{error}`. */
export const apiErrorSchema = z.object({ error: z.string() });

/** `GET /api/author/exercises/:id/preview` (npm run dev): the tests against the solution and each declared mistake. */
export const previewColumnSchema = z.object({
  /** "solution" or the mistake's file. */
  name: z.string(),
  about: z.optional(z.string()),
  /** For a mistake: whether it fails the test it declares with the declared feedback. */
  asDeclared: z.optional(z.boolean()),
  tests: z.array(z.extend(testResultSchema, { hidden: z.boolean() })),
});
export type PreviewColumn = z.infer<typeof previewColumnSchema>;
export const authorPreviewSchema = z.union([z.object({ columns: z.array(previewColumnSchema) }), apiErrorSchema]);
export type AuthorPreview = z.infer<typeof authorPreviewSchema>;
