import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { exerciseAnalytics } from "@/grader/analytics.server";
import { instructorPage } from "@/grader/instructor-auth.server";
import { getGrader, UnknownExercise } from "@/grader/service.server";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Exercise analytics" };

/** A horizontal bar: `value` of `of`, labelled with both (the chart is plain HTML, no chart library needed). */
function Bar({ label, value, of }: { label: string; value: number; of: number }) {
  const share = of === 0 ? 0 : value / of;
  return (
    <div className="bar-row">
      <span className="bar-label">{label}</span>
      <span className="bar" role="img" aria-label={`${label}: ${value} of ${of}`}>
        <span className="bar-fill" style={{ width: `${Math.round(share * 100)}%` }} />
      </span>
      <span className="bar-value">
        {value}/{of}
      </span>
    </div>
  );
}

/** Where a class struggles on one exercise: GET /api/instructor/exercises/:id/analytics, drawn. */
export default async function ExerciseAnalyticsPage({ params }: { params: Promise<{ id: string }> }) {
  if (!(await instructorPage())) notFound();
  const { id } = await params;
  const analytics = await exerciseAnalytics(await getGrader(), id).catch((error: unknown) => {
    if (error instanceof UnknownExercise) notFound();
    throw error;
  });
  const { learners, submissions } = analytics;
  return (
    <article className="lesson instructor-analytics">
      <h1>{analytics.title}</h1>
      <p>
        <Link href="/instructor">← Gradebook</Link> · <Link href={`/instructor/exercises/${id}/similarity`}>Similar code</Link>
      </p>
      <p aria-label="Totals">
        {learners} learner{learners === 1 ? "" : "s"}, {submissions} graded submission{submissions === 1 ? "" : "s"}.
      </p>
      <section aria-label="Tests passed">
        <h2>Tests passed</h2>
        {analytics.tests.map((test) => (
          <div key={test.name}>
            <Bar label={`${test.name}${test.hidden ? " (hidden)" : ""}: submissions`} value={test.submissions} of={submissions} />
            <Bar label={`${test.name}${test.hidden ? " (hidden)" : ""}: learners`} value={test.learners} of={learners} />
          </div>
        ))}
      </section>
      <section aria-label="Declared mistakes">
        <h2>Declared mistakes</h2>
        <p>A submission shows a mistake when it fails exactly the tests, with exactly the messages, that the mistake&apos;s file earns.</p>
        <ul>
          {analytics.mistakes.map((mistake) => (
            <li key={mistake.file}>
              <strong>
                {mistake.learners} learner{mistake.learners === 1 ? "" : "s"}
              </strong>{" "}
              ({mistake.submissions} submission{mistake.submissions === 1 ? "" : "s"}): {mistake.about} <small>({mistake.file})</small>
            </li>
          ))}
          <li>
            {analytics.unexplained} failing submission{analytics.unexplained === 1 ? "" : "s"} match no declared mistake.
          </li>
        </ul>
      </section>
      <section aria-label="Score distribution">
        <h2>Score distribution</h2>
        {analytics.scores.map((bucket) => (
          <Bar key={bucket.score} label={`${bucket.score}/${analytics.maxScore}: learners (best)`} value={bucket.learners} of={learners} />
        ))}
      </section>
      <section aria-label="Success">
        <h2>First try or eventually</h2>
        <Bar label="Full marks on the first submission" value={analytics.success.firstTry} of={learners} />
        <Bar label="Full marks later" value={analytics.success.eventually} of={learners} />
        <Bar label="Not yet" value={analytics.success.notYet} of={learners} />
      </section>
    </article>
  );
}
