import { z } from "zod";

/** What a lesson's front matter must hold. Checked at build time, so a bad lesson fails the build. */
export const lessonFrontmatterSchema = z.strictObject({
  title: z.string().min(1, "needs a title"),
  order: z.number().int("must be a whole number").nonnegative("must be 0 or more"),
  summary: z.string().min(1, "needs a one-sentence summary"),
});

export type LessonFrontmatter = z.infer<typeof lessonFrontmatterSchema>;
