-- LTI 1.3: the learning platforms (LMSs) an instructor registered, our signing key, the logins in
-- flight (state, single-use), the id_token nonces seen (single-use), and what launches told us:
-- course contexts with their AGS and NRPS endpoints, members, line items per exercise, scores sent.
CREATE TABLE lti_platforms (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  issuer TEXT NOT NULL,
  client_id TEXT NOT NULL,
  deployment_ids TEXT NOT NULL,
  auth_url TEXT NOT NULL,
  token_url TEXT NOT NULL,
  jwks_url TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (issuer, client_id)
);
-- One row, slot 'current': the first process to need a key inserts it, every other one reads it.
CREATE TABLE lti_keys (
  slot TEXT PRIMARY KEY,
  kid TEXT NOT NULL,
  private_jwk TEXT NOT NULL,
  public_jwk TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE lti_logins (
  state TEXT PRIMARY KEY,
  nonce TEXT NOT NULL,
  platform_id TEXT NOT NULL REFERENCES lti_platforms(id) ON DELETE CASCADE,
  expires_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE lti_nonces (
  platform_id TEXT NOT NULL,
  nonce TEXT NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (platform_id, nonce)
);
CREATE TABLE lti_contexts (
  platform_id TEXT NOT NULL REFERENCES lti_platforms(id) ON DELETE CASCADE,
  context_id TEXT NOT NULL,
  title TEXT NOT NULL,
  lineitems_url TEXT,
  memberships_url TEXT,
  PRIMARY KEY (platform_id, context_id)
);
CREATE TABLE lti_members (
  platform_id TEXT NOT NULL,
  context_id TEXT NOT NULL,
  sub TEXT NOT NULL,
  learner_email TEXT NOT NULL,
  name TEXT NOT NULL,
  lms_email TEXT,
  role TEXT NOT NULL CHECK (role IN ('instructor', 'learner')),
  launched_at TIMESTAMPTZ,
  PRIMARY KEY (platform_id, context_id, sub),
  FOREIGN KEY (platform_id, context_id) REFERENCES lti_contexts(platform_id, context_id) ON DELETE CASCADE
);
CREATE INDEX lti_members_by_learner ON lti_members (learner_email);
CREATE TABLE lti_lineitems (
  platform_id TEXT NOT NULL,
  context_id TEXT NOT NULL,
  exercise_id TEXT NOT NULL,
  url TEXT NOT NULL,
  PRIMARY KEY (platform_id, context_id, exercise_id),
  FOREIGN KEY (platform_id, context_id) REFERENCES lti_contexts(platform_id, context_id) ON DELETE CASCADE
);
CREATE TABLE lti_scores (
  platform_id TEXT NOT NULL,
  context_id TEXT NOT NULL,
  exercise_id TEXT NOT NULL,
  sub TEXT NOT NULL,
  score DOUBLE PRECISION NOT NULL,
  max_score DOUBLE PRECISION NOT NULL,
  posted_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (platform_id, context_id, exercise_id, sub)
);
