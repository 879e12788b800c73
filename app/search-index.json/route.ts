import { exerciseAnchor } from "@/components/section-of";
import { readFile } from "node:fs/promises";
import MiniSearch from "minisearch";
import { lessonOutline } from "@/app/_lib/lesson-outline";
import { listLessons } from "@/app/_lib/lessons.server";
import { SEARCH_OPTIONS, type SearchDocument } from "@/components/search-options";
import { listExercises } from "@/grader/exercises.server";

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
      const text = lessonOutline(`## x\n${prompt}`)[0]?.text ?? "";
      documents.push({ id: `/lessons/${lesson.slug}#${exerciseAnchor(exercise.id)}`, kind: "exercise", lesson: lesson.title, title: exercise.meta.title, text });
    }
  }
  const index = new MiniSearch<SearchDocument>(SEARCH_OPTIONS);
  index.addAll(documents);
  return new Response(JSON.stringify(index), { headers: { "content-type": "application/json" } });
}
