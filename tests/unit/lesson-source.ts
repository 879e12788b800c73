/**
 * The cells and section headings of a lesson, taken from the lesson pipeline itself: the lesson is
 * compiled and rendered with a stand-in <Cell> that records what it is given, so tests see exactly
 * the cells a learner sees, numbered as on the page.
 */
import path from "node:path";
import { getMDXComponent } from "mdx-bundler/client";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { lessonBlocks, parseLesson } from "@/course/lesson";
import { compileLessonFile, LESSONS_DIR } from "@/course/lessons.server";
import { StaticProse } from "@/components/StaticProse";

export interface LessonCell {
  /** 1-based position on the page. */
  index: number;
  code: string;
}

export interface RenderedLesson {
  cells: LessonCell[];
  /** The text of every `##` heading, in order. */
  headings: string[];
}

export async function renderLesson(slug: string): Promise<RenderedLesson> {
  const lesson = await compileLessonFile(path.join(LESSONS_DIR, `${slug}.mdx`));
  const Content = getMDXComponent(lesson.code);
  const cells: LessonCell[] = [];
  const Cell = ({ code, index }: { code: string; index: number }) => {
    cells.push({ index, code });
    return null;
  };
  // Exercises are graded elsewhere; here they only need to render as nothing.
  const html = renderToStaticMarkup(createElement(Content, { components: { Cell, Exercise: () => null, StaticProse } }));
  const headings = [...html.matchAll(/<h2[^>]*>([\s\S]*?)<\/h2>/g)].map((match) => (match[1] ?? "").replace(/<[^>]+>/g, "").trim());
  return { cells, headings };
}

/** What a notebook is made of (front matter and blocks), to compare a lesson with its round trip. */
export function notebookContent(source: string, file: string) {
  const lesson = parseLesson(source, file);
  return { frontmatter: lesson.frontmatter, blocks: lessonBlocks(lesson) };
}
