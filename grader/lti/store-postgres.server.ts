/** The LTI store on PostgreSQL (the submissions store's pool). */
import "server-only";
import DataLoader from "dataloader";
import type pg from "pg";
import { type GradeTarget, type LtiContext, type LtiKeyPair, type LtiLogin, type LtiMember, type LtiPlatform, type LtiStore, type NewPlatform, platformFromRow, type PlatformRow } from "./store.server";

const MEMBER = `platform_id AS "platformId", context_id AS "contextId", sub, learner_email AS "learnerEmail", name, lms_email AS "lmsEmail", role, launched_at AS "launchedAt"`;

export class PostgresLtiStore implements LtiStore {
  constructor(private readonly pool: pg.Pool) {}

  /** Every graded submission is looked up here (grade passback): the lookups of one tick are one query, as the store's reads are. */
  private readonly targets = new DataLoader<{ learnerEmail: string; exerciseId: string }, GradeTarget[], string>(
    async (keys) => {
      const { rows } = await this.pool.query<GradeTarget & { i: string }>(
        `SELECT k.i, m.platform_id AS "platformId", m.context_id AS "contextId", m.sub, c.lineitems_url AS "lineitemsUrl", li.url AS "lineitemUrl", s.score AS "lastScore"
         FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS k(email, exercise, i)
         JOIN lti_members m ON m.learner_email = k.email AND m.launched_at IS NOT NULL
         JOIN lti_contexts c ON c.platform_id = m.platform_id AND c.context_id = m.context_id
         LEFT JOIN lti_lineitems li ON li.platform_id = m.platform_id AND li.context_id = m.context_id AND li.exercise_id = k.exercise
         LEFT JOIN lti_scores s ON s.platform_id = m.platform_id AND s.context_id = m.context_id AND s.exercise_id = k.exercise AND s.sub = m.sub`,
        [keys.map((key) => key.learnerEmail), keys.map((key) => key.exerciseId)],
      );
      const byKey = keys.map((): GradeTarget[] => []);
      for (const { i, ...target } of rows) byKey[Number(i) - 1]?.push(target);
      return byKey;
    },
    { cache: false, maxBatchSize: 500, cacheKeyFn: (key) => `${key.learnerEmail}\n${key.exerciseId}` },
  );

  async addPlatform(p: NewPlatform): Promise<void> {
    try {
      await this.pool.query(`INSERT INTO lti_platforms (id, name, issuer, client_id, deployment_ids, auth_url, token_url, jwks_url) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
        p.id,
        p.name,
        p.issuer,
        p.clientId,
        JSON.stringify(p.deploymentIds),
        p.authUrl,
        p.tokenUrl,
        p.jwksUrl,
      ]);
    } catch (error) {
      if ((error as { code?: string }).code === "23505") throw new Error(`a platform with issuer ${p.issuer} and client id ${p.clientId} is already registered`);
      throw error;
    }
  }

  async platforms(): Promise<LtiPlatform[]> {
    return (await this.pool.query<PlatformRow>(`SELECT * FROM lti_platforms ORDER BY created_at, id`)).rows.map(platformFromRow);
  }

  async platform(id: string): Promise<LtiPlatform | undefined> {
    const row = (await this.pool.query<PlatformRow>(`SELECT * FROM lti_platforms WHERE id = $1`, [id])).rows[0];
    return row ? platformFromRow(row) : undefined;
  }

  async keyPair(candidate: () => Promise<LtiKeyPair>): Promise<LtiKeyPair> {
    const read = async () => (await this.pool.query<LtiKeyPair>(`SELECT kid, private_jwk AS "privateJwk", public_jwk AS "publicJwk" FROM lti_keys WHERE slot = 'current'`)).rows[0];
    const stored = await read();
    if (stored) return stored;
    const fresh = await candidate();
    // Two processes starting together may both generate one: the first insert wins, both read it.
    await this.pool.query(`INSERT INTO lti_keys (slot, kid, private_jwk, public_jwk) VALUES ('current', $1, $2, $3) ON CONFLICT (slot) DO NOTHING`, [fresh.kid, fresh.privateJwk, fresh.publicJwk]);
    return (await read()) as LtiKeyPair;
  }

  async saveLogin(login: LtiLogin): Promise<void> {
    await this.pool.query(`DELETE FROM lti_logins WHERE expires_at < now()`);
    await this.pool.query(`INSERT INTO lti_logins (state, nonce, platform_id, expires_at) VALUES ($1, $2, $3, $4)`, [login.state, login.nonce, login.platformId, login.expiresAt]);
  }

  async takeLogin(state: string, now: Date): Promise<LtiLogin | undefined> {
    const row = (
      await this.pool.query<{ state: string; nonce: string; platformId: string; expiresAt: Date }>(
        `DELETE FROM lti_logins WHERE state = $1 RETURNING state, nonce, platform_id AS "platformId", expires_at AS "expiresAt"`,
        [state],
      )
    ).rows[0];
    return row && row.expiresAt > now ? { ...row, expiresAt: row.expiresAt.toISOString() } : undefined;
  }

  async useNonce(platformId: string, nonce: string, expiresAt: string, now: Date): Promise<boolean> {
    await this.pool.query(`DELETE FROM lti_nonces WHERE expires_at < $1`, [now]);
    const { rowCount } = await this.pool.query(`INSERT INTO lti_nonces (platform_id, nonce, expires_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [platformId, nonce, expiresAt]);
    return rowCount === 1;
  }

  async saveContext(c: LtiContext): Promise<void> {
    await this.pool.query(
      `INSERT INTO lti_contexts (platform_id, context_id, title, lineitems_url, memberships_url) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (platform_id, context_id) DO UPDATE SET title = excluded.title,
         lineitems_url = COALESCE(excluded.lineitems_url, lti_contexts.lineitems_url),
         memberships_url = COALESCE(excluded.memberships_url, lti_contexts.memberships_url)`,
      [c.platformId, c.contextId, c.title, c.lineitemsUrl, c.membershipsUrl],
    );
  }

  async saveMembers(members: LtiMember[]): Promise<void> {
    if (members.length === 0) return;
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      for (const m of members) {
        await client.query(
          `INSERT INTO lti_members (platform_id, context_id, sub, learner_email, name, lms_email, role, launched_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (platform_id, context_id, sub) DO UPDATE SET name = excluded.name, lms_email = COALESCE(excluded.lms_email, lti_members.lms_email),
             role = excluded.role, launched_at = COALESCE(excluded.launched_at, lti_members.launched_at)`,
          [m.platformId, m.contextId, m.sub, m.learnerEmail, m.name, m.lmsEmail, m.role, m.launchedAt],
        );
      }
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async contexts(): Promise<LtiContext[]> {
    return (
      await this.pool.query<LtiContext>(
        `SELECT platform_id AS "platformId", context_id AS "contextId", title, lineitems_url AS "lineitemsUrl", memberships_url AS "membershipsUrl" FROM lti_contexts ORDER BY title, context_id`,
      )
    ).rows;
  }

  async members(platformId: string, contextId: string): Promise<LtiMember[]> {
    const { rows } = await this.pool.query<Omit<LtiMember, "launchedAt"> & { launchedAt: Date | null }>(
      `SELECT ${MEMBER} FROM lti_members WHERE platform_id = $1 AND context_id = $2 ORDER BY role, name, sub`,
      [platformId, contextId],
    );
    return rows.map((row) => ({ ...row, launchedAt: row.launchedAt ? row.launchedAt.toISOString() : null }));
  }

  async setLineItem(platformId: string, contextId: string, exerciseId: string, url: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO lti_lineitems (platform_id, context_id, exercise_id, url) VALUES ($1, $2, $3, $4) ON CONFLICT (platform_id, context_id, exercise_id) DO UPDATE SET url = excluded.url`,
      [platformId, contextId, exerciseId, url],
    );
  }

  async gradeTargets(learnerEmail: string, exerciseId: string): Promise<GradeTarget[]> {
    return this.targets.load({ learnerEmail, exerciseId });
  }

  async recordScore(t: { platformId: string; contextId: string; exerciseId: string; sub: string }, score: number, maxScore: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO lti_scores (platform_id, context_id, exercise_id, sub, score, max_score, posted_at) VALUES ($1, $2, $3, $4, $5, $6, now())
       ON CONFLICT (platform_id, context_id, exercise_id, sub) DO UPDATE SET score = excluded.score, max_score = excluded.max_score, posted_at = excluded.posted_at`,
      [t.platformId, t.contextId, t.exerciseId, t.sub, score, maxScore],
    );
  }
}
