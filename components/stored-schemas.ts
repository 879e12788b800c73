/**
 * The schemas a lesson page checks data from localStorage and from the API with. A module of its
 * own, loaded through `storedSchemas()` once the page is interactive: zod/mini and the schemas are
 * about 18 KB gzip that nothing needs to show or hydrate the page (like components/progress-schema.ts).
 */
import * as z from "zod/mini";
import { submissionViewSchema, visibleAnswersSchema } from "@/app/api/contract";
import { gradeSchema } from "@/engine/protocol";

export { apiErrorSchema, draftConflictSchema, draftSavedSchema, draftsAnswerSchema, submissionViewSchema, visibleAnswersSchema } from "@/app/api/contract";

const withError = <T extends z.ZodMiniType>(schema: T) => z.union([schema, z.object({ error: z.string() })]);
/** Each field on its own: one that an older page stored differently is dropped, not the learner's code with it. */
const field = <T extends z.ZodMiniType>(schema: T) => z.catch(z.optional(schema), undefined);

/** What the page remembers about one exercise (components/exercise-store.ts). */
export const exerciseMemorySchema = z.object({
  code: field(z.string()),
  /** A signed-in learner's own numbers, kept so that Check works offline. */
  checkData: field(visibleAnswersSchema),
  check: field(withError(gradeSchema)),
  submission: field(withError(submissionViewSchema)),
  hints: field(z.int()),
});

export const learnerSchema = z.object({ name: z.string(), email: z.string() });

/** The server version of a draft this browser last saw or saved, and its code (components/drafts.ts). */
export const draftBaseSchema = z.object({ version: z.number(), code: z.string() });
