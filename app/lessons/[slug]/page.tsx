import type { Metadata } from "next";
import { getMDXComponent } from "mdx-bundler/client";
import Link from "next/link";
import { preload } from "react-dom";
import { LessonSections } from "@/components/CourseProgress";
import { earlyRunScript, kernelBootScript } from "@/components/early-runs";
import { LessonCell } from "@/components/LessonCell";
import { Notebook } from "@/components/Notebook";
import { StaticProse } from "@/components/StaticProse";
import { KERNEL_URL } from "@/engine/client";
import { compiledCellsUrl } from "@/engine/compiler";
import { exerciseComponentFor } from "../../_lib/exercises.server";
import { compileLesson, listLessons } from "@/course/lessons.server";
import { LessonLink } from "@/components/LessonLink";

export const dynamicParams = false;

export async function generateStaticParams() {
  return (await listLessons()).map(({ slug }) => ({ slug }));
}

type Params = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { slug } = await params;
  const lessons = await listLessons();
  const lesson = lessons.find((candidate) => candidate.slug === slug);
  return { title: lesson?.title ?? "Lesson", description: lesson?.summary };
}

export default async function LessonPage({ params }: Params) {
  const { slug } = await params;
  const [lesson, lessons, Exercise] = await Promise.all([compileLesson(slug), listLessons(), exerciseComponentFor(slug)]);
  const position = lessons.findIndex((candidate) => candidate.slug === slug);
  const previous = lessons[position - 1];
  const next = lessons[position + 1];
  const Content = getMDXComponent(lesson.code);
  const compiledCells = compiledCellsUrl(slug);
  // Fetched from the head, beside the styles and scripts: the boot script below starts the worker
  // with it, and the first Run waits for this file.
  preload(KERNEL_URL, { as: "worker", fetchPriority: "high" });
  return (
    <article className="lesson">
      {/* Async, so React puts it in the head and it starts the kernel before the style sheets are in (see bootKernel). */}
      <script async src={kernelBootScript(KERNEL_URL)} />
      {/* Starts the kernel while the page is still loading and runs cells in it from the first Run click; the notebook adopts both. */}
      <script dangerouslySetInnerHTML={{ __html: earlyRunScript({ url: KERNEL_URL, lesson: slug, backend: lesson.backend ?? "auto", compiledCells }) }} />
      {/* The colours of the lesson's highlighted code, one class per colour pair (course/compact-code.ts). */}
      <style dangerouslySetInnerHTML={{ __html: lesson.codeStyles }} />
      <h1>{lesson.title}</h1>
      <LessonSections slug={slug} sections={lesson.sections.map(({ id, title, cells, exercises }) => ({ id, title, cells, exercises }))} />
      <Notebook lesson={slug} kernelUrl={KERNEL_URL} backend={lesson.backend ?? "auto"} compiledCells={compiledCells}>
        <Content components={{ Cell: LessonCell, Exercise, StaticProse }} />
      </Notebook>
      <nav className="lesson-nav" aria-label="Lessons">
        {previous ? <LessonLink href={`/lessons/${previous.slug}`}>← {previous.title}</LessonLink> : <span />}
        <Link href="/">All lessons</Link>
        {next ? <LessonLink href={`/lessons/${next.slug}`}>{next.title} →</LessonLink> : <span />}
      </nav>
    </article>
  );
}
