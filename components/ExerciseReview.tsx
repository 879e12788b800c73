"use client";

import type { SubmissionView } from "./exercise-store";

/** Under a submission's results: the score that counts and how, the instructor's review, attempts left. */
export function ExerciseReview({ submission, maxAttempts }: { submission: SubmissionView | { error: string } | undefined; maxAttempts: number | undefined }) {
  const graded = submission && !("error" in submission) ? submission : undefined;
  const attempts = graded?.attempts;
  const left = attempts ? Math.max(attempts.max - attempts.used, 0) : maxAttempts;
  return (
    <>
      {graded?.effective && graded.effective.steps.length > 1 ? (
        <p className="exercise-effective">
          Score that counts: <output aria-label="Effective score">{`${graded.effective.score}/${graded.effective.maxScore}`}</output> ({graded.effective.steps.join("; ")})
        </p>
      ) : null}
      {graded?.review ? (
        <div className="exercise-review" role="group" aria-label="Instructor's review">
          <p>Your instructor reviewed this submission:</p>
          <ul>
            {graded.review.lines.map((line, index) => (
              <li key={index}>
                {line.points >= 0 ? `+${line.points}` : `−${-line.points}`}: {line.comment}
              </li>
            ))}
          </ul>
          {graded.review.comment ? <p>{graded.review.comment}</p> : null}
        </div>
      ) : null}
      {left !== undefined ? (
        <p className="exercise-attempts" role="status" aria-label="Attempts left">
          {left === 0 ? "No submissions left: your best one counts." : `${left} submission${left === 1 ? "" : "s"} left${attempts ? "" : ` (of ${maxAttempts})`}.`}
        </p>
      ) : null}
    </>
  );
}
