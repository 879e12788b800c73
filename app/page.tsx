import Link from "next/link";
import { listLessons } from "./_lib/lessons.server";

export default async function CourseIndex() {
  const lessons = await listLessons();
  return (
    <section className="course-index">
      <h1>Gradient-based learning</h1>
      <p className="lede">
        A course you take by running code: every idea is a TypeScript cell you can edit and run in your
        browser, with charts and checked exercises.
      </p>
      <ol className="lesson-list">
        {lessons.map((lesson) => (
          <li key={lesson.slug}>
            <Link href={`/lessons/${lesson.slug}`}>{lesson.title}</Link>
            <p>{lesson.summary}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
