-- A signed-in learner's progress (one JSON document, merged on every write) and drafts (one row per
-- edited cell or exercise, versioned so a stale device cannot overwrite newer work).
CREATE TABLE learner_progress (
  learner_email TEXT PRIMARY KEY,
  data JSONB NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE drafts (
  learner_email TEXT NOT NULL,
  lesson TEXT NOT NULL,
  draft_key TEXT NOT NULL,
  code TEXT NOT NULL,
  version INTEGER NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (learner_email, draft_key)
);
CREATE INDEX drafts_by_lesson ON drafts (learner_email, lesson);
