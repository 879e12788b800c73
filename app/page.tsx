import { ContinueLink, LessonProgressBar, type SectionWork } from "@/components/CourseProgress";
import { listLessons } from "@/course/lessons.server";
import { LessonLink } from "@/components/LessonLink";

export default async function CourseIndex() {
  const lessons = await listLessons();
  // Only what progress needs goes to the page: no prose.
  const outlines = lessons.map(({ slug, title, sections }) => ({
    slug,
    title,
    sections: sections.map(({ id, title: name, cells, exercises }): SectionWork => ({ id, title: name, cells, exercises })),
  }));
  return (
    <section className="course-index">
      <h1>Gradient-based learning</h1>
      <p className="lede">
        A course you take by running code: every idea is a TypeScript cell you can edit and run in your
        browser, with charts and checked exercises.
      </p>
      <ContinueLink lessons={outlines} />
      <ol className="lesson-list">
        {outlines.map((lesson, i) => (
          <li key={lesson.slug}>
            <LessonLink href={`/lessons/${lesson.slug}`}>{lesson.title}</LessonLink>
            <p>{lessons[i]?.summary}</p>
            <LessonProgressBar slug={lesson.slug} title={lesson.title} sections={lesson.sections} />
          </li>
        ))}
      </ol>
    </section>
  );
}
