/**
 * LTI Advantage services we call on the platform: an OAuth2 client-credentials token (our signed
 * JWT as the client assertion, RFC 7523), Assignment and Grade Services (a line item per exercise,
 * a score per learner) and Names and Role Provisioning (the course roster).
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import * as z from "zod";
import { learnerIdOf, roleOf } from "./identity.server";
import { ALG, toolKey } from "./keys.server";
import type { LtiMember, LtiPlatform, LtiStore } from "./store.server";

export const SCOPES = {
  lineitem: "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
  score: "https://purl.imsglobal.org/spec/lti-ags/scope/score",
  roster: "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly",
} as const;

const REQUEST_TIMEOUT_MS = 10_000;

const tokens = new Map<string, { token: string; expires: number }>();

/** A bearer token for `scopes` on this platform, reused until shortly before it expires. */
export async function accessToken(store: LtiStore, platform: LtiPlatform, scopes: string[]): Promise<string> {
  const cacheKey = `${platform.id} ${scopes.join(" ")}`;
  const cached = tokens.get(cacheKey);
  if (cached && cached.expires > Date.now()) return cached.token;
  const key = await toolKey(store);
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg: ALG, kid: key.kid, typ: "JWT" })
    .setIssuer(platform.clientId)
    .setSubject(platform.clientId)
    .setAudience(platform.tokenUrl)
    .setIssuedAt()
    .setExpirationTime("5m")
    .setJti(randomUUID())
    .sign(key.privateKey);
  const response = await fetch(platform.tokenUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: assertion,
      scope: scopes.join(" "),
    }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`${platform.name}'s token endpoint answered ${response.status}`);
  const body = z.object({ access_token: z.string().min(1), expires_in: z.number().optional() }).parse(await response.json());
  tokens.set(cacheKey, { token: body.access_token, expires: Date.now() + Math.max(0, (body.expires_in ?? 3600) - 60) * 1000 });
  return body.access_token;
}

async function call(store: LtiStore, platform: LtiPlatform, scopes: string[], url: string, init: { method?: string; accept: string; contentType?: string; body?: unknown }): Promise<unknown> {
  const token = await accessToken(store, platform, scopes);
  const response = await fetch(url, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${token}`, accept: init.accept, ...(init.contentType ? { "content-type": init.contentType } : {}) },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`${platform.name} answered ${response.status} to ${init.method ?? "GET"} ${new URL(url).pathname}`);
  const text = await response.text();
  return text ? (JSON.parse(text) as unknown) : undefined;
}

const LINEITEM = "application/vnd.ims.lis.v2.lineitem+json";
const LINEITEMS = "application/vnd.ims.lis.v2.lineitemcontainer+json";
const lineItemSchema = z.object({ id: z.string(), resourceId: z.string().optional() });

/** The exercise's line item in a course: the one tagged with its id, created if there is none. */
export async function ensureLineItem(store: LtiStore, platform: LtiPlatform, lineitemsUrl: string, exercise: { id: string; title: string; maxScore: number }): Promise<string> {
  const list = new URL(lineitemsUrl);
  list.searchParams.set("resource_id", exercise.id);
  const found = z.array(lineItemSchema).parse(await call(store, platform, [SCOPES.lineitem], list.toString(), { accept: LINEITEMS }));
  const existing = found.find((item) => item.resourceId === exercise.id);
  if (existing) return existing.id;
  const created = lineItemSchema.parse(
    await call(store, platform, [SCOPES.lineitem], lineitemsUrl, {
      method: "POST",
      accept: LINEITEM,
      contentType: LINEITEM,
      body: { label: exercise.title, scoreMaximum: exercise.maxScore, resourceId: exercise.id, tag: "descent" },
    }),
  );
  return created.id;
}

/** Posts one learner's score to a line item (AGS §3.4: scores go to `<lineitem>/scores`). */
export async function postScore(store: LtiStore, platform: LtiPlatform, lineitemUrl: string, score: { sub: string; given: number; maximum: number; comment?: string }): Promise<void> {
  const url = new URL(lineitemUrl);
  url.pathname = `${url.pathname.replace(/\/$/, "")}/scores`;
  await call(store, platform, [SCOPES.score], url.toString(), {
    method: "POST",
    accept: "application/json",
    contentType: "application/vnd.ims.lis.v1.score+json",
    body: {
      userId: score.sub,
      scoreGiven: score.given,
      scoreMaximum: score.maximum,
      activityProgress: "Completed",
      gradingProgress: "FullyGraded",
      timestamp: new Date().toISOString(),
      ...(score.comment ? { comment: score.comment } : {}),
    },
  });
}

const membershipSchema = z.object({
  members: z.array(
    z.object({
      user_id: z.string(),
      roles: z.array(z.string()).default([]),
      name: z.string().optional(),
      given_name: z.string().optional(),
      family_name: z.string().optional(),
      email: z.string().optional(),
      status: z.string().optional(),
    }),
  ),
});

/** Reads a course's roster (NRPS, following `rel="next"` pages) and stores it. */
export async function syncRoster(store: LtiStore, platform: LtiPlatform, context: { contextId: string; membershipsUrl: string }): Promise<LtiMember[]> {
  const members: LtiMember[] = [];
  let next: string | undefined = context.membershipsUrl;
  for (let page = 0; next && page < 100; page++) {
    const token = await accessToken(store, platform, [SCOPES.roster]);
    const response: Response = await fetch(next, { headers: { authorization: `Bearer ${token}`, accept: "application/vnd.ims.lti-nrps.v2.membershipcontainer+json" }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`${platform.name} answered ${response.status} to the roster request`);
    for (const m of membershipSchema.parse(await response.json()).members) {
      if (m.status !== undefined && m.status !== "Active") continue;
      members.push({
        platformId: platform.id,
        contextId: context.contextId,
        sub: m.user_id,
        learnerEmail: learnerIdOf(platform.id, m.user_id),
        name: m.name ?? ([m.given_name, m.family_name].filter(Boolean).join(" ") || m.user_id),
        lmsEmail: m.email ?? null,
        role: roleOf(m.roles),
        launchedAt: null,
      });
    }
    next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get("link") ?? "")?.[1];
  }
  await store.saveMembers(members);
  return members;
}
