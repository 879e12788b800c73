-- The instructor's desk (issue 15): reviews by hand beside the auto-grade, and the hints each learner opened.
-- A review belongs to a submission, not to its verdict: Regrade all rewrites the verdict and keeps this row.
CREATE TABLE reviews (
  submission_id UUID PRIMARY KEY REFERENCES submissions(id),
  -- [{points, comment}]: rubric lines, points up (positive) or down (negative).
  lines JSONB NOT NULL DEFAULT '[]',
  comment TEXT NOT NULL DEFAULT '',
  -- The sum of the lines' points, kept so the gradebook can add it in SQL.
  points DOUBLE PRECISION NOT NULL DEFAULT 0,
  reviewed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- How many hints (in order) a signed-in learner has opened: the hint penalty counts them.
CREATE TABLE hint_reveals (
  learner_email TEXT NOT NULL REFERENCES learners(email),
  exercise_id TEXT NOT NULL,
  hints INTEGER NOT NULL,
  opened_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (learner_email, exercise_id)
);
