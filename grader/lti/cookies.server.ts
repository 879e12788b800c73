/**
 * The cookies a launch sets. Inside an LMS's iframe we are a third party: a cookie must be
 * `SameSite=None; Secure` to be sent at all, which browsers accept over HTTPS and on loopback (a
 * secure context), and `Partitioned` (CHIPS) to survive browsers that block unpartitioned
 * third-party cookies (Chrome keeps it for "Descent inside this LMS" only). Over plain HTTP
 * elsewhere it stays `Lax`. Where even that is dropped (Safari, or all cookies blocked), the
 * new-window fallback signs the learner in first-party, with plain `Lax` cookies.
 */
import "server-only";
import { jwtVerify, SignJWT } from "jose";
import type { NextResponse } from "next/server";
import * as z from "zod";
import { INSTRUCTOR_COOKIE, instructorCookieValue, SESSION_COOKIE, sessionToken } from "../session.server";
import { ALG, toolKey } from "./keys.server";
import type { LtiRole, LtiStore } from "./store.server";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function thirdPartyCapable(url: URL): boolean {
  return url.protocol === "https:" || LOOPBACK.has(url.hostname);
}

export function setLaunchCookies(response: NextResponse, who: { learnerEmail: string; role: LtiRole }, url: URL, firstParty = false) {
  const crossSite = !firstParty && thirdPartyCapable(url);
  const base = { httpOnly: true, path: "/", secure: crossSite || url.protocol === "https:", sameSite: crossSite ? ("none" as const) : ("lax" as const), partitioned: crossSite };
  response.cookies.set(SESSION_COOKIE, sessionToken(who.learnerEmail), { ...base, maxAge: 60 * 60 * 24 * 30 });
  if (who.role === "instructor") response.cookies.set(INSTRUCTOR_COOKIE, instructorCookieValue() ?? "", { ...base, maxAge: 60 * 60 * 12 });
}

const RESUME_AUDIENCE = "descent:resume";
const resumeSchema = z.object({ learnerEmail: z.string(), role: z.enum(["instructor", "learner"]), target: z.string(), platformId: z.string(), jti: z.string(), exp: z.number() });

/** A one-use link, valid two minutes, that signs this launch's user in from a window of its own. */
export async function resumeTicket(store: LtiStore, who: { learnerEmail: string; role: LtiRole; target: string; platformId: string }): Promise<string> {
  const key = await toolKey(store);
  return new SignJWT({ ...who })
    .setProtectedHeader({ alg: ALG, kid: key.kid })
    .setAudience(RESUME_AUDIENCE)
    .setJti(crypto.randomUUID())
    .setIssuedAt()
    .setExpirationTime("2m")
    .sign(key.privateKey);
}

export async function readResumeTicket(store: LtiStore, ticket: string, now = new Date()): Promise<z.infer<typeof resumeSchema> | undefined> {
  const key = await toolKey(store);
  try {
    const { payload } = await jwtVerify(ticket, key.publicJwk, { audience: RESUME_AUDIENCE, algorithms: [ALG] });
    const claims = resumeSchema.parse(payload);
    // Once only: the jti goes into the nonce table until the ticket would have expired anyway.
    return (await store.useNonce(`resume:${claims.platformId}`, claims.jti, new Date(claims.exp * 1000).toISOString(), now)) ? claims : undefined;
  } catch {
    return undefined;
  }
}
