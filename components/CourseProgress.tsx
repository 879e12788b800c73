"use client";

/**
 * Progress on the course index: a bar and "n of m sections" per lesson, and a "Continue where you
 * left off" link to the last lesson and section the learner worked in. Rendered after hydration
 * (progress lives in the browser and, for a signed-in learner, on the server).
 */
import { useEffect } from "react";
import type { LessonSection } from "@/course/lesson";
import { countedSections, sectionDone } from "./progress-model";
import { progressStore, syncProgress, useProgress } from "./progress-store";
import { LessonLink } from "@/components/LessonLink";

export type SectionWork = Pick<LessonSection, "id" | "title" | "cells" | "exercises">;

export function LessonProgressBar({ slug, title, sections }: { slug: string; title: string; sections: SectionWork[] }) {
  const progress = useProgress();
  const counted = countedSections(sections);
  if (!progress || counted.length === 0) return null;
  const lesson = progress.lessons[slug];
  const done = counted.filter((section) => sectionDone(section, lesson)).length;
  return (
    <div className="lesson-progress">
      <progress max={counted.length} value={done} aria-label={`Progress in ${title}`} />
      <span>
        {done} of {counted.length} sections
      </span>
    </div>
  );
}

export function ContinueLink({ lessons }: { lessons: { slug: string; title: string; sections: SectionWork[] }[] }) {
  const progress = useProgress();
  useEffect(() => void syncProgress(), []);
  const last = progress?.last;
  const lesson = last && lessons.find((candidate) => candidate.slug === last.lesson);
  if (!last || !lesson) return null;
  const section = lesson.sections.find((candidate) => candidate.id === last.section);
  return (
    <p className="continue">
      <LessonLink href={`/lessons/${lesson.slug}${section ? `#${section.id}` : ""}`}>
        Continue where you left off: {lesson.title}
        {section ? ` — ${section.title}` : ""}
      </LessonLink>
    </p>
  );
}

/** The lesson's sections, each marked done when its cells ran and its exercises passed. */
export function LessonSections({ slug, sections }: { slug: string; sections: SectionWork[] }) {
  const progress = useProgress();
  useEffect(() => {
    void syncProgress().then(() => progressStore.visited(slug));
  }, [slug]);
  const counted = new Set(countedSections(sections).map((section) => section.id));
  const lesson = progress?.lessons[slug];
  const done = sections.filter((section) => counted.has(section.id) && sectionDone(section, lesson)).length;
  return (
    <nav className="lesson-sections" aria-label="Sections of this lesson">
      <p className="lesson-sections-count" aria-live="polite">
        {progress ? `${done} of ${counted.size} sections done` : `${counted.size} sections`}
      </p>
      <ol>
        {sections.map((section) => {
          const isDone = progress !== undefined && counted.has(section.id) && sectionDone(section, lesson);
          return (
            <li key={section.id} data-done={isDone || undefined}>
              <a href={`#${section.id}`}>{section.title}</a>
              {isDone ? <span className="done-mark"> ✓ done</span> : null}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

