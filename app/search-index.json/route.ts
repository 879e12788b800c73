import { exerciseAnchor } from "@/components/section-of";
import { readFile } from "node:fs/promises";
import MiniSearch from "minisearch";
import { mdxPlainText } from "@/course/lesson";
import { listLessons } from "@/course/lessons.server";
import { SEARCH_OPTIONS, type SearchDocument } from "@/components/search-options";
import { listExercises } from "@/course/exercises.server";

/** Built once, at build time: the search box fetches this file on demand and searches offline. */
export const dynamic = "force-static";

export async function GET() {
  const documents: SearchDocument[] = [];
  for (const lesson of await listLessons()) {
    documents.push({ id: `/lessons/${lesson.slug}`, kind: "lesson", lesson: lesson.title, title: lesson.title, text: lesson.summary });
    for (const section of lesson.sections) {
      documents.push({ id: `/lessons/${lesson.slug}#${section.id}`, kind: "section", lesson: lesson.title, title: section.title, text: section.text });
    }
    const placed = new Set(lesson.sections.flatMap((section) => section.exercises));
    for (const exercise of listExercises(undefined, { lesson: lesson.slug }).filter(({ id }) => placed.has(id))) {
      // The prompt's prose, read as a section's is (no math, no markup).
      const prompt = await readFile(exercise.files.prompt, "utf8");
      const text = mdxPlainText(prompt, exercise.files.prompt);
      documents.push({ id: `/lessons/${lesson.slug}#${exerciseAnchor(exercise.id)}`, kind: "exercise", lesson: lesson.title, title: exercise.meta.title, text });
    }
  }
  const index = new MiniSearch<SearchDocument>(SEARCH_OPTIONS);
  index.addAll(documents);
  return new Response(JSON.stringify(index), { headers: { "content-type": "application/json" } });
}
