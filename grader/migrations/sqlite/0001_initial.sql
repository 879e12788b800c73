-- The first schema (before versioned files, this was the first entry of a list in store.server.ts;
-- databases made then have user_version 1 and skip this file).
CREATE TABLE learners (
  email TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE submissions (
  id TEXT PRIMARY KEY,
  learner_email TEXT NOT NULL REFERENCES learners(email),
  exercise_id TEXT NOT NULL,
  code TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'graded')),
  score REAL,
  max_score REAL,
  results TEXT NOT NULL DEFAULT '[]',
  queued_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT,
  grader_version TEXT
);
CREATE INDEX submissions_by_exercise ON submissions (exercise_id, learner_email, queued_at);
CREATE INDEX submissions_unfinished ON submissions (status) WHERE status != 'graded';
