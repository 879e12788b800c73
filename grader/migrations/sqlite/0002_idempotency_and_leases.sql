-- Idempotency-Key: a retried POST from the same learner with the same key finds its first submission.
ALTER TABLE submissions ADD COLUMN idempotency_key TEXT;
CREATE UNIQUE INDEX submissions_idempotency ON submissions (learner_email, idempotency_key) WHERE idempotency_key IS NOT NULL;
-- attempts: grading starts since the last (re)queue, to end a submission that keeps killing graders.
-- lease: bumped on every start; only the holder of the current lease may store the verdict.
ALTER TABLE submissions ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE submissions ADD COLUMN lease INTEGER NOT NULL DEFAULT 0;
-- Which grader holds or held it (a worker id in Postgres mode; `embedded` here).
ALTER TABLE submissions ADD COLUMN grader_id TEXT;
-- Verdicts stored so far (1 after grading, +1 per regrade): a duplicate grading would show here.
ALTER TABLE submissions ADD COLUMN verdicts INTEGER NOT NULL DEFAULT 0;
