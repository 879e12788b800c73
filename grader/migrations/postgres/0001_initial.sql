-- The submissions store on PostgreSQL: the same tables as SQLite's 0001 + 0002, in Postgres types.
CREATE TABLE learners (
  email TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE submissions (
  id UUID PRIMARY KEY,
  -- Insertion order, to break ties between equal timestamps (SQLite uses its rowid).
  seq BIGSERIAL NOT NULL,
  learner_email TEXT NOT NULL REFERENCES learners(email),
  exercise_id TEXT NOT NULL,
  code TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'graded')),
  score DOUBLE PRECISION,
  max_score DOUBLE PRECISION,
  results JSONB NOT NULL DEFAULT '[]',
  queued_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  started_at TIMESTAMPTZ,
  finished_at TIMESTAMPTZ,
  grader_version TEXT,
  idempotency_key TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  lease INTEGER NOT NULL DEFAULT 0,
  -- Which grader worker holds or held it (host:pid:nonce).
  grader_id TEXT,
  -- Verdicts stored so far (1 after grading, +1 per regrade): a duplicate grading would show here.
  verdicts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX submissions_by_exercise ON submissions (exercise_id, learner_email, queued_at, seq);
CREATE INDEX submissions_unfinished ON submissions (status, queued_at) WHERE status != 'graded';
CREATE UNIQUE INDEX submissions_idempotency ON submissions (learner_email, idempotency_key) WHERE idempotency_key IS NOT NULL;
