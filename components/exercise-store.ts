/**
 * What the page remembers about an exercise across reloads (localStorage): the learner's code, the
 * last Check and submission results, how many hints are shown, and who is signed in.
 */
import * as z from "zod/mini";
import { type SubmissionView, submissionViewSchema, visibleAnswersSchema } from "@/app/api/contract";
import { gradeSchema } from "@/engine/protocol";

export type { SubmissionView };

/** What Check needs besides the tests: the learner's seed and the reference's answers for it (data, never code). */
export type CheckData = z.infer<typeof visibleAnswersSchema>;

const withError = <T extends z.ZodMiniType>(schema: T) => z.union([schema, z.object({ error: z.string() })]);
/** Each field on its own: one that an older page stored differently is dropped, not the learner's code with it. */
const field = <T extends z.ZodMiniType>(schema: T) => z.catch(z.optional(schema), undefined);

const exerciseMemorySchema = z.object({
  code: field(z.string()),
  /** A signed-in learner's own numbers, kept so that Check works offline. */
  checkData: field(visibleAnswersSchema),
  check: field(withError(gradeSchema)),
  submission: field(withError(submissionViewSchema)),
  hints: field(z.int()),
});
export type ExerciseMemory = z.infer<typeof exerciseMemorySchema>;

const learnerSchema = z.object({ name: z.string(), email: z.string() });
export type Learner = z.infer<typeof learnerSchema>;

const key = (id: string) => `descent:exercise:${id}`;
const LEARNER_KEY = "descent:learner";

function read<T>(schema: z.ZodMiniType<T>, name: string): T | undefined {
  try {
    const text = window.localStorage.getItem(name);
    const parsed = text ? schema.safeParse(JSON.parse(text)) : undefined;
    return parsed?.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function write(name: string, value: unknown) {
  try {
    window.localStorage.setItem(name, JSON.stringify(value));
  } catch {
    // Storage full or blocked: the page still works, it just forgets on reload.
  }
}

export const exerciseMemory = {
  load: (id: string): ExerciseMemory => read(exerciseMemorySchema, key(id)) ?? {},
  save: (id: string, patch: Partial<ExerciseMemory>) => write(key(id), { ...exerciseMemory.load(id), ...patch }),
};

export const learnerMemory = {
  load: (): Learner | undefined => read(learnerSchema, LEARNER_KEY),
  save: (learner: Learner) => write(LEARNER_KEY, learner),
};
