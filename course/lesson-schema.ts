import { z } from "zod";
import { backendPreferenceSchema } from "@/engine/protocol";

/** What a lesson's front matter must hold. Checked at build time, so a bad lesson fails the build. */
const required = (what: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? `is missing: add it (${what})` : `must be ${what}`;

export const lessonFrontmatterSchema = z.strictObject({
  title: z.string({ error: required("text, e.g. title: Output units") }).min(1, "must not be empty"),
  order: z
    .number({ error: required("a whole number that places the lesson in the course, e.g. order: 2") })
    .int("must be a whole number, e.g. order: 2")
    .nonnegative("must be 0 or more"),
  summary: z.string({ error: required("one sentence that says what the lesson teaches") }).min(1, "must not be empty"),
  /** Pins the tensor backend for this lesson; by default the kernel measures and picks the fastest. */
  backend: z.optional(z.enum(backendPreferenceSchema.options, { error: `must be one of ${backendPreferenceSchema.options.join(", ")}` })),
});

export type LessonFrontmatter = z.infer<typeof lessonFrontmatterSchema>;
