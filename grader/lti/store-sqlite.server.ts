/** The LTI store on the embedded SQLite database (the same file and connection as the submissions). */
import "server-only";
import type Database from "better-sqlite3";
import { statementCache } from "../sqlite.server";
import { type GradeTarget, type LtiContext, type LtiKeyPair, type LtiLogin, type LtiMember, type LtiPlatform, type LtiStore, type NewPlatform, platformFromRow, type PlatformRow } from "./store.server";

export class SqliteLtiStore implements LtiStore {
  /** Queries prepared once, on first use. */
  private readonly sql: (text: string) => Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.sql = statementCache(db);
  }

  async addPlatform(p: NewPlatform): Promise<void> {
    try {
      this.sql(`INSERT INTO lti_platforms (id, name, issuer, client_id, deployment_ids, auth_url, token_url, jwks_url, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(p.id, p.name, p.issuer, p.clientId, JSON.stringify(p.deploymentIds), p.authUrl, p.tokenUrl, p.jwksUrl, new Date().toISOString());
    } catch (error) {
      if ((error as { code?: string }).code?.startsWith("SQLITE_CONSTRAINT")) throw new Error(`a platform with issuer ${p.issuer} and client id ${p.clientId} is already registered`);
      throw error;
    }
  }

  async platforms(): Promise<LtiPlatform[]> {
    return (this.sql(`SELECT * FROM lti_platforms ORDER BY created_at, id`).all() as PlatformRow[]).map(platformFromRow);
  }

  async platform(id: string): Promise<LtiPlatform | undefined> {
    const row = this.sql(`SELECT * FROM lti_platforms WHERE id = ?`).get(id) as PlatformRow | undefined;
    return row ? platformFromRow(row) : undefined;
  }

  async keyPair(candidate: () => Promise<LtiKeyPair>): Promise<LtiKeyPair> {
    const read = () => this.sql(`SELECT kid, private_jwk AS privateJwk, public_jwk AS publicJwk FROM lti_keys WHERE slot = 'current'`).get() as LtiKeyPair | undefined;
    const stored = read();
    if (stored) return stored;
    const fresh = await candidate();
    this.sql(`INSERT INTO lti_keys (slot, kid, private_jwk, public_jwk, created_at) VALUES ('current', ?, ?, ?, ?) ON CONFLICT (slot) DO NOTHING`).run(fresh.kid, fresh.privateJwk, fresh.publicJwk, new Date().toISOString());
    return read() as LtiKeyPair;
  }

  async saveLogin(login: LtiLogin): Promise<void> {
    this.sql(`DELETE FROM lti_logins WHERE expires_at < ?`).run(new Date().toISOString());
    this.sql(`INSERT INTO lti_logins (state, nonce, platform_id, expires_at) VALUES (?, ?, ?, ?)`).run(login.state, login.nonce, login.platformId, login.expiresAt);
  }

  async takeLogin(state: string, now: Date): Promise<LtiLogin | undefined> {
    const row = this.sql(`DELETE FROM lti_logins WHERE state = ? RETURNING state, nonce, platform_id AS platformId, expires_at AS expiresAt`).get(state) as LtiLogin | undefined;
    return row && row.expiresAt > now.toISOString() ? row : undefined;
  }

  async useNonce(platformId: string, nonce: string, expiresAt: string, now: Date): Promise<boolean> {
    this.sql(`DELETE FROM lti_nonces WHERE expires_at < ?`).run(now.toISOString());
    return this.sql(`INSERT INTO lti_nonces (platform_id, nonce, expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`).run(platformId, nonce, expiresAt).changes === 1;
  }

  async saveContext(c: LtiContext): Promise<void> {
    this.sql(
        `INSERT INTO lti_contexts (platform_id, context_id, title, lineitems_url, memberships_url) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (platform_id, context_id) DO UPDATE SET title = excluded.title,
           lineitems_url = COALESCE(excluded.lineitems_url, lti_contexts.lineitems_url),
           memberships_url = COALESCE(excluded.memberships_url, lti_contexts.memberships_url)`,
      )
      .run(c.platformId, c.contextId, c.title, c.lineitemsUrl, c.membershipsUrl);
  }

  async saveMembers(members: LtiMember[]): Promise<void> {
    const upsert = this.sql(
      `INSERT INTO lti_members (platform_id, context_id, sub, learner_email, name, lms_email, role, launched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (platform_id, context_id, sub) DO UPDATE SET name = excluded.name, lms_email = COALESCE(excluded.lms_email, lti_members.lms_email),
         role = excluded.role, launched_at = COALESCE(excluded.launched_at, lti_members.launched_at)`,
    );
    this.db.transaction(() => {
      for (const m of members) upsert.run(m.platformId, m.contextId, m.sub, m.learnerEmail, m.name, m.lmsEmail, m.role, m.launchedAt);
    })();
  }

  async contexts(): Promise<LtiContext[]> {
    return this.sql(`SELECT platform_id AS platformId, context_id AS contextId, title, lineitems_url AS lineitemsUrl, memberships_url AS membershipsUrl FROM lti_contexts ORDER BY title, context_id`)
      .all() as LtiContext[];
  }

  async members(platformId: string, contextId: string): Promise<LtiMember[]> {
    return this.sql(
        `SELECT platform_id AS platformId, context_id AS contextId, sub, learner_email AS learnerEmail, name, lms_email AS lmsEmail, role, launched_at AS launchedAt
         FROM lti_members WHERE platform_id = ? AND context_id = ? ORDER BY role, name, sub`,
      )
      .all(platformId, contextId) as LtiMember[];
  }

  async setLineItem(platformId: string, contextId: string, exerciseId: string, url: string): Promise<void> {
    this.sql(`INSERT INTO lti_lineitems (platform_id, context_id, exercise_id, url) VALUES (?, ?, ?, ?) ON CONFLICT (platform_id, context_id, exercise_id) DO UPDATE SET url = excluded.url`)
      .run(platformId, contextId, exerciseId, url);
  }

  async gradeTargets(learnerEmail: string, exerciseId: string): Promise<GradeTarget[]> {
    return this.sql(
        `SELECT m.platform_id AS platformId, m.context_id AS contextId, m.sub, c.lineitems_url AS lineitemsUrl, li.url AS lineitemUrl, s.score AS lastScore
         FROM lti_members m
         JOIN lti_contexts c ON c.platform_id = m.platform_id AND c.context_id = m.context_id
         LEFT JOIN lti_lineitems li ON li.platform_id = m.platform_id AND li.context_id = m.context_id AND li.exercise_id = ?
         LEFT JOIN lti_scores s ON s.platform_id = m.platform_id AND s.context_id = m.context_id AND s.exercise_id = ? AND s.sub = m.sub
         WHERE m.learner_email = ? AND m.launched_at IS NOT NULL`,
      )
      .all(exerciseId, exerciseId, learnerEmail) as GradeTarget[];
  }

  async recordScore(t: { platformId: string; contextId: string; exerciseId: string; sub: string }, score: number, maxScore: number): Promise<void> {
    this.sql(
        `INSERT INTO lti_scores (platform_id, context_id, exercise_id, sub, score, max_score, posted_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (platform_id, context_id, exercise_id, sub) DO UPDATE SET score = excluded.score, max_score = excluded.max_score, posted_at = excluded.posted_at`,
      )
      .run(t.platformId, t.contextId, t.exerciseId, t.sub, score, maxScore, new Date().toISOString());
  }
}
