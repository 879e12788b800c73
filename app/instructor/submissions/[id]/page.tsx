import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { instructorPage } from "@/grader/instructor-auth.server";
import { getGrader } from "@/grader/service.server";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Submission" };

/** One submission for the instructor: the code and every test result, hidden tests included. */
export default async function SubmissionPage({ params }: { params: Promise<{ id: string }> }) {
  if (!(await instructorPage())) notFound();
  const { id } = await params;
  const submission = await (await getGrader()).store.get(id);
  if (!submission) notFound();
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
    </article>
  );
}
