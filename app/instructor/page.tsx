import type { Metadata } from "next";
import Link from "next/link";
import { instructorPage } from "@/grader/instructor-auth.server";
import { getGrader } from "@/grader/service.server";
import { GradingStatus } from "./GradingStatus";
import { LtiRoster } from "./LtiRoster";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Gradebook" };

/** The gradebook: learners × exercises, best and latest score (reviews counted, marked), effective score and how, submission count; CSV; Regrade all; analytics per exercise. */
export default async function GradebookPage({ searchParams }: { searchParams: Promise<{ regraded?: string }> }) {
  if (!(await instructorPage())) {
    return (
      <article className="lesson">
        <h1>Instructor sign-in</h1>
        <form method="post" action="/api/instructor/session" aria-label="Instructor sign-in">
          <label>
            Instructor token <input name="token" type="password" required />
          </label>{" "}
          <button type="submit">Sign in</button>
        </form>
        <p>The token is the server&apos;s DESCENT_INSTRUCTOR_TOKEN (see README, “Exercises and grading”).</p>
      </article>
    );
  }
  const { regraded } = await searchParams;
  const grader = await getGrader();
  const exercises = grader.exerciseList();
  const rows = await grader.gradebook();
  const ops = await grader.operations();
  const learners = [...new Map(rows.map((row) => [row.email, row.name])).entries()];
  const cell = (email: string, exerciseId: string) => rows.find((row) => row.email === email && row.exerciseId === exerciseId);
  return (
    <article className="lesson">
      <h1>Gradebook</h1>
      {regraded ? <p role="status">Regrading every submission of {regraded}.</p> : null}
      <p>
        <a href="/api/instructor/gradebook.csv">Download CSV</a>
      </p>
      <table className="gradebook">
        <thead>
          <tr>
            <th scope="col">Learner</th>
            {exercises.map((exercise) => (
              <th scope="col" key={exercise.id}>
                <Link href={`/instructor/exercises/${exercise.id}`}>{exercise.meta.title}</Link>
                <form method="post" action="/api/instructor/regrade">
                  <input type="hidden" name="exerciseId" value={exercise.id} />
                  <button type="submit" aria-label={`Regrade all ${exercise.id}`}>
                    Regrade all
                  </button>
                </form>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {learners.map(([email, name]) => (
            <tr key={email}>
              <th scope="row">
                {name} <small>{email}</small>
              </th>
              {exercises.map((exercise) => {
                const entry = cell(email, exercise.id);
                return (
                  <td key={exercise.id}>
                    {entry ? (
                      <>
                        <Link href={`/instructor/submissions/${entry.latestId}`}>
                          best {entry.best ?? "–"}/{entry.maxScore ?? "?"}, latest {entry.latest ?? "–"} ({entry.count} submission{entry.count === 1 ? "" : "s"})
                        </Link>
                        {entry.reviewed > 0 ? <span className="reviewed-mark"> · reviewed</span> : null}
                        {entry.effective ? <div title={entry.effective.steps.join("; ")}>effective {entry.effective.score}: {entry.effective.steps.join("; ")}</div> : null}
                      </>
                    ) : (
                      "–"
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {learners.length === 0 ? <p>No submissions yet.</p> : null}
      <GradingStatus ops={ops} />
      {await LtiRoster({ grader, rows })}
    </article>
  );
}
