/**
 * What LTI 1.3 keeps, behind one interface with a SQLite and a PostgreSQL implementation (like the
 * submissions store it hangs off as `store.lti`). Nothing here holds a token: only the platforms'
 * public settings, our key pair, single-use states and nonces, and what launches and the roster said.
 */
import "server-only";
import * as z from "zod/mini";
import { parseStored } from "../store.server";

export interface LtiPlatform {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  deploymentIds: string[];
  authUrl: string;
  tokenUrl: string;
  jwksUrl: string;
  createdAt: string;
}

export type NewPlatform = Omit<LtiPlatform, "createdAt">;

/** A platforms row as both databases return it (SQLite: a text date; Postgres: a Date). */
export interface PlatformRow {
  id: string;
  name: string;
  issuer: string;
  client_id: string;
  deployment_ids: string;
  auth_url: string;
  token_url: string;
  jwks_url: string;
  created_at: string | Date;
}

export const platformFromRow = (row: PlatformRow): LtiPlatform => ({
  id: row.id,
  name: row.name,
  issuer: row.issuer,
  clientId: row.client_id,
  deploymentIds: parseStored(z.array(z.string()), row.deployment_ids, `LTI platform ${row.id}: deployment_ids`),
  authUrl: row.auth_url,
  tokenUrl: row.token_url,
  jwksUrl: row.jwks_url,
  createdAt: typeof row.created_at === "string" ? row.created_at : row.created_at.toISOString(),
});

/** Our signing key pair as JWKs (JSON text); the private one never leaves the server. */
export interface LtiKeyPair {
  kid: string;
  privateJwk: string;
  publicJwk: string;
}

export interface LtiLogin {
  state: string;
  nonce: string;
  platformId: string;
  expiresAt: string;
}

export interface LtiContext {
  platformId: string;
  contextId: string;
  title: string;
  lineitemsUrl: string | null;
  membershipsUrl: string | null;
}

export type LtiRole = "instructor" | "learner";

export interface LtiMember {
  platformId: string;
  contextId: string;
  sub: string;
  /** Our learner id for this LMS user (see identity.server.ts). */
  learnerEmail: string;
  name: string;
  /** The email the LMS shared, if it shares one: shown to instructors, never used to sign in. */
  lmsEmail: string | null;
  role: LtiRole;
  /** Set by a launch; null for someone only the roster (NRPS) named. */
  launchedAt: string | null;
}

/** Where one learner's score for one exercise goes: a course (context) they launched from. */
export interface GradeTarget {
  platformId: string;
  contextId: string;
  sub: string;
  lineitemsUrl: string | null;
  /** The exercise's line item in that course, once known (from a launch or created by us). */
  lineitemUrl: string | null;
  /** What was last sent, to send again only when it changes. */
  lastScore: number | null;
}

export interface LtiStore {
  /** Fails with a message naming the pair when the issuer and client id are already registered. */
  addPlatform(platform: NewPlatform): Promise<void>;
  platforms(): Promise<LtiPlatform[]>;
  platform(id: string): Promise<LtiPlatform | undefined>;
  /** The key pair every process shares: `candidate` is stored if none is yet; the stored one is returned. */
  keyPair(candidate: () => Promise<LtiKeyPair>): Promise<LtiKeyPair>;
  saveLogin(login: LtiLogin): Promise<void>;
  /** Returns the login and deletes it in the same step (a state works once), or undefined if unknown or expired. */
  takeLogin(state: string, now: Date): Promise<LtiLogin | undefined>;
  /** Records a nonce; false when this platform's nonce was seen before (a replayed id_token). */
  useNonce(platformId: string, nonce: string, expiresAt: string, now: Date): Promise<boolean>;
  saveContext(context: LtiContext): Promise<void>;
  /** Upserts members; a launch sets launchedAt, a roster sync keeps the one already stored. */
  saveMembers(members: LtiMember[]): Promise<void>;
  contexts(): Promise<LtiContext[]>;
  members(platformId: string, contextId: string): Promise<LtiMember[]>;
  setLineItem(platformId: string, contextId: string, exerciseId: string, url: string): Promise<void>;
  gradeTargets(learnerEmail: string, exerciseId: string): Promise<GradeTarget[]>;
  recordScore(target: { platformId: string; contextId: string; exerciseId: string; sub: string }, score: number, maxScore: number): Promise<void>;
}
