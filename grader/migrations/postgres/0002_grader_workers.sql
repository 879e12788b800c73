-- One row per grader process (npm run grader), refreshed every few seconds: the instructor page
-- and GET /api/health count a worker as alive while its heartbeat is recent.
CREATE TABLE grader_workers (
  id TEXT PRIMARY KEY,
  host TEXT NOT NULL,
  pid INTEGER NOT NULL,
  capacity INTEGER NOT NULL,
  busy INTEGER NOT NULL DEFAULT 0,
  graded BIGINT NOT NULL DEFAULT 0,
  started_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  seen_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  stopped_at TIMESTAMPTZ
);
