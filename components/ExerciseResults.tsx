"use client";

import type { Grade } from "@/engine/grading/harness";

/** One list of test results with pass or fail, points and message, under a score like 7/10. */
export function ExerciseResults({ label, grade, note }: { label: string; grade: Grade | { error: string } | undefined; note?: string }) {
  if (!grade) return null;
  if ("error" in grade) {
    return (
      <div className="exercise-results" role="group" aria-label={label}>
        <p className="exercise-error" role="alert">
          {grade.error}
        </p>
      </div>
    );
  }
  return (
    <div className="exercise-results" role="group" aria-label={label}>
      <p className="exercise-score">
        {label}: <output aria-label={`${label} score`}>{`${grade.score}/${grade.maxScore}`}</output>
        {note ? <span className="exercise-note"> {note}</span> : null}
      </p>
      <ul>
        {grade.tests.map((test, index) => (
          <li key={`${test.name}-${index}`} className={test.passed ? "passed" : "failed"}>
            <span className="mark" aria-label={test.passed ? "passed" : "failed"}>
              {test.passed ? "✓" : "✗"}
            </span>{" "}
            <strong>{test.name}</strong>{" "}
            <span className="points">
              ({test.passed ? test.points : 0}/{test.points} {test.points === 1 ? "point" : "points"})
            </span>
            {test.message ? <div className="message">{test.message}</div> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
