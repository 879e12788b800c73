import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { instructorPage } from "@/grader/instructor-auth.server";
import { getGrader } from "@/grader/service.server";
import { ReviewForm } from "./ReviewForm";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Submission" };

/** One submission for the instructor: the code, every test result (hidden tests included), the effective score, and the review by hand. */
export default async function SubmissionPage({ params }: { params: Promise<{ id: string }> }) {
  if (!(await instructorPage())) notFound();
  const { id } = await params;
  const grader = await getGrader();
  const submission = await grader.store.get(id);
  if (!submission) notFound();
  const view = await grader.view(submission, { instructor: true });
  return (
    <article className="lesson">
      <h1>
        {submission.learnerName}: {submission.exerciseId}
      </h1>
      <p>
        <Link href="/instructor">← Gradebook</Link>
      </p>
      <dl>
        <dt>Score</dt>
        <dd>{submission.status === "graded" ? `${submission.score}/${submission.maxScore}` : submission.status}</dd>
        <dt>Effective score</dt>
        <dd aria-label="Effective score">{view.effective ? `${view.effective.score}/${view.effective.maxScore} (${view.effective.steps.join("; ")})` : "–"}</dd>
        <dt>Queued, started, finished</dt>
        <dd>{[submission.queuedAt, submission.startedAt ?? "–", submission.finishedAt ?? "–"].join(" · ")}</dd>
        <dt>Grader version</dt>
        <dd>{submission.graderVersion ?? "–"}</dd>
      </dl>
      <h2>Code</h2>
      <pre className="plain-code">{submission.code}</pre>
      <h2>Tests</h2>
      <ul aria-label="Test results">
        {submission.results.map((test) => (
          <li key={test.name}>
            {test.passed ? "✓" : "✗"} <strong>{test.name}</strong> {test.hidden ? "(hidden)" : ""} ({test.passed ? test.points : 0}/{test.points}){" "}
            {test.message}
          </li>
        ))}
      </ul>
      <h2>Review</h2>
      <p>Rubric lines add or take off points beside the auto-grade; the learner sees them with their result, and Regrade all keeps them.</p>
      <ReviewForm submissionId={submission.id} review={view.review} />
    </article>
  );
}
