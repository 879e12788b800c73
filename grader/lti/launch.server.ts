/**
 * LTI 1.3 OIDC third-party login and launch (IMS Security Framework §5.1): the LMS calls
 * /api/lti/login, we send the browser to its auth endpoint with a fresh state and nonce, and it
 * comes back to /api/lti/launch with a signed id_token. Every check the standard asks for lives
 * here: the signature against the platform's JWKS, state and nonce used once, iss/aud/azp,
 * deployment id, expiry with bounded clock skew. Tokens are never logged or shown.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from "jose";
import * as z from "zod";
import { learnerIdOf, roleOf } from "./identity.server";
import type { LtiPlatform, LtiRole, LtiStore } from "./store.server";

/** Clock difference between us and a platform that we tolerate, in seconds. */
export const CLOCK_SKEW_SECONDS = 60;
/** How long a login may take between /api/lti/login and the launch. */
export const LOGIN_TTL_MS = 10 * 60_000;
/** An id_token older than this (by `iat`) is refused even if its `exp` is later. */
export const MAX_TOKEN_AGE_SECONDS = 10 * 60;

export const CLAIM = "https://purl.imsglobal.org/spec/lti/claim/";
export const AGS_CLAIM = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint";
export const NRPS_CLAIM = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice";
export const DL_CLAIM = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings";

/** A launch we refuse: `title` and `message` are for the person in front of the LMS, never a token. */
export class LtiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
  ) {
    super(message);
    this.name = "LtiError";
  }
}

const loginSchema = z.object({
  iss: z.string().min(1, "iss is missing"),
  login_hint: z.string().min(1, "login_hint is missing"),
  target_link_uri: z.string().min(1, "target_link_uri is missing"),
  lti_message_hint: z.string().optional(),
  client_id: z.string().optional(),
  lti_deployment_id: z.string().optional(),
});

/**
 * The first step: finds the registered platform, stores a single-use state with its nonce, and
 * returns where to send the browser (the platform's auth endpoint).
 */
export async function startLogin(store: LtiStore, params: Record<string, string>, toolOrigin: string, now = new Date()): Promise<URL> {
  const parsed = loginSchema.safeParse(params);
  if (!parsed.success) throw new LtiError(400, "This is not an LTI login", `The LMS's login request is incomplete: ${parsed.error.issues.map((i) => i.message).join("; ")}.`);
  const login = parsed.data;
  const candidates = (await store.platforms()).filter((p) => p.issuer === login.iss && (login.client_id === undefined || p.clientId === login.client_id));
  if (candidates.length === 0) {
    throw new LtiError(403, "This LMS is not registered", `No platform with issuer ${login.iss}${login.client_id ? ` and client id ${login.client_id}` : ""} is registered here. An instructor registers it on /instructor/lti.`);
  }
  if (candidates.length > 1) throw new LtiError(400, "Which registration?", `Several registrations share issuer ${login.iss}: the LMS must send client_id.`);
  const platform = candidates[0] as LtiPlatform;
  if (login.lti_deployment_id !== undefined && !platform.deploymentIds.includes(login.lti_deployment_id)) {
    throw new LtiError(403, "This deployment is not registered", `Deployment ${login.lti_deployment_id} is not among those registered for ${platform.name}.`);
  }
  if (!sameOrigin(login.target_link_uri, toolOrigin)) throw new LtiError(400, "Wrong target", "The LMS asked to open a page that is not on this server.");
  const state = randomBytes(32).toString("base64url");
  const nonce = randomBytes(32).toString("base64url");
  await store.saveLogin({ state, nonce, platformId: platform.id, expiresAt: new Date(now.getTime() + LOGIN_TTL_MS).toISOString() });
  const url = new URL(platform.authUrl);
  const query = {
    scope: "openid",
    response_type: "id_token",
    response_mode: "form_post",
    prompt: "none",
    client_id: platform.clientId,
    redirect_uri: `${toolOrigin}/api/lti/launch`,
    login_hint: login.login_hint,
    state,
    nonce,
    ...(login.lti_message_hint !== undefined ? { lti_message_hint: login.lti_message_hint } : {}),
  };
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url;
}

function sameOrigin(uri: string, origin: string): boolean {
  try {
    return new URL(uri).origin === origin;
  } catch {
    return false;
  }
}

const jwksCache = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
/** The platform's keys, fetched on first use and again when a token names a kid we have not seen. */
function platformKeys(url: string) {
  let set = jwksCache.get(url);
  if (!set) {
    set = createRemoteJWKSet(new URL(url), { timeoutDuration: 5_000, cooldownDuration: 30_000 });
    jwksCache.set(url, set);
  }
  return set;
}

const claimsSchema = z.object({
  sub: z.string().min(1).max(255),
  nonce: z.string().min(1),
  azp: z.string().optional(),
  name: z.string().optional(),
  given_name: z.string().optional(),
  family_name: z.string().optional(),
  email: z.string().optional(),
  ["https://purl.imsglobal.org/spec/lti/claim/version"]: z.literal("1.3.0"),
  ["https://purl.imsglobal.org/spec/lti/claim/message_type"]: z.enum(["LtiResourceLinkRequest", "LtiDeepLinkingRequest"]),
  ["https://purl.imsglobal.org/spec/lti/claim/deployment_id"]: z.string().min(1),
  ["https://purl.imsglobal.org/spec/lti/claim/roles"]: z.array(z.string()),
  ["https://purl.imsglobal.org/spec/lti/claim/target_link_uri"]: z.string().optional(),
  ["https://purl.imsglobal.org/spec/lti/claim/context"]: z.object({ id: z.string().min(1), title: z.string().optional(), label: z.string().optional() }).optional(),
  ["https://purl.imsglobal.org/spec/lti/claim/resource_link"]: z.object({ id: z.string(), title: z.string().optional() }).optional(),
  ["https://purl.imsglobal.org/spec/lti/claim/custom"]: z.record(z.string(), z.unknown()).optional(),
  [AGS_CLAIM]: z.object({ scope: z.array(z.string()).default([]), lineitems: z.string().optional(), lineitem: z.string().optional() }).optional(),
  [NRPS_CLAIM]: z.object({ context_memberships_url: z.string() }).optional(),
  [DL_CLAIM]: z.object({ deep_link_return_url: z.string(), accept_types: z.array(z.string()).default([]), data: z.string().optional() }).optional(),
});

export interface Launch {
  platform: LtiPlatform;
  messageType: "LtiResourceLinkRequest" | "LtiDeepLinkingRequest";
  deploymentId: string;
  sub: string;
  learnerEmail: string;
  name: string;
  lmsEmail: string | null;
  role: LtiRole;
  context: { id: string; title: string } | undefined;
  /** Where to open us: a path on this server. */
  target: string;
  /** The exercise the launch is for, when it is for one (its line item then belongs to it). */
  exerciseId: string | undefined;
  ags: { scope: string[]; lineitems?: string; lineitem?: string } | undefined;
  membershipsUrl: string | undefined;
  deepLinking: { returnUrl: string; acceptTypes: string[]; data?: string } | undefined;
}

/** What a refused token is called, in words for the person who clicked the link. */
function explain(error: unknown, platform: LtiPlatform): LtiError {
  const bad = (message: string) => new LtiError(401, "This launch could not be verified", message);
  if (error instanceof errors.JWTExpired) return bad(`The sign-in from ${platform.name} has expired. Open the activity again from your course.`);
  if (error instanceof errors.JWSSignatureVerificationFailed) return bad(`The sign-in is not signed by ${platform.name}'s keys: it may have been tampered with.`);
  if (error instanceof errors.JWKSNoMatchingKey) return bad(`The sign-in is signed with a key ${platform.name} does not publish at its JWKS URL.`);
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "iss") return bad(`The sign-in names another issuer than ${platform.name} (${platform.issuer}).`);
    if (error.claim === "aud") return bad(`The sign-in is meant for another tool than this one (client id ${platform.clientId}).`);
    if (error.claim === "iat" || error.claim === "nbf") return bad(`The sign-in's time is off by more than ${CLOCK_SKEW_SECONDS} seconds from this server's clock, or it is too old.`);
    return bad(`The sign-in's ${error.claim} claim is not valid: ${error.reason}.`);
  }
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JOSEError) return bad(`The sign-in could not be checked against ${platform.name}'s keys (${error.code}).`);
  return bad(`The sign-in could not be checked against ${platform.name}'s keys.`);
}

/** Verifies a launch (the form the platform posted to /api/lti/launch) and says who and where. */
export async function verifyLaunch(store: LtiStore, form: { id_token?: string; state?: string }, toolOrigin: string, now = new Date()): Promise<Launch> {
  if (!form.id_token || !form.state) throw new LtiError(400, "This is not an LTI launch", "The request carries no id_token or no state: open the activity from your course in the LMS.");
  const login = await store.takeLogin(form.state, now);
  if (!login) throw new LtiError(401, "This sign-in link was already used", "The launch's state is unknown, used or expired. Open the activity again from your course.");
  const platform = await store.platform(login.platformId);
  if (!platform) throw new LtiError(403, "This LMS is not registered", "The platform of this login was removed.");
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(form.id_token, platformKeys(platform.jwksUrl), {
      issuer: platform.issuer,
      audience: platform.clientId,
      algorithms: ["RS256", "RS384", "RS512", "ES256", "PS256"],
      clockTolerance: CLOCK_SKEW_SECONDS,
      maxTokenAge: MAX_TOKEN_AGE_SECONDS,
      requiredClaims: ["exp", "iat", "nonce", "sub"],
      currentDate: now,
    }));
  } catch (error) {
    throw explain(error, platform);
  }
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  const parsed = claimsSchema.safeParse(payload);
  if (!parsed.success) throw new LtiError(400, "This launch is incomplete", `The sign-in lacks what LTI 1.3 requires: ${parsed.error.issues.map((i) => `${i.path.join(".").replace(CLAIM, "")}: ${i.message}`).join("; ")}.`);
  const claims = parsed.data;
  // OIDC Core §3.1.3.7: with several audiences azp is required, and it must be us whenever present.
  if ((audiences.length > 1 || claims.azp !== undefined) && claims.azp !== platform.clientId) {
    throw new LtiError(401, "This launch could not be verified", `The sign-in's authorized party (azp) is not this tool (client id ${platform.clientId}).`);
  }
  if (claims.nonce !== login.nonce) throw new LtiError(401, "This launch could not be verified", "The sign-in's nonce is not the one this login sent.");
  if (!(await store.useNonce(platform.id, claims.nonce, new Date(((payload.exp as number) + CLOCK_SKEW_SECONDS) * 1000).toISOString(), now))) {
    throw new LtiError(401, "This sign-in was already used", "This id_token was presented before (a replayed nonce). Open the activity again from your course.");
  }
  const deploymentId = claims["https://purl.imsglobal.org/spec/lti/claim/deployment_id"];
  if (!platform.deploymentIds.includes(deploymentId)) throw new LtiError(403, "This deployment is not registered", `Deployment ${deploymentId} is not among those registered for ${platform.name}.`);
  const custom = claims["https://purl.imsglobal.org/spec/lti/claim/custom"] ?? {};
  const exerciseId = typeof custom.descent_exercise === "string" ? custom.descent_exercise : undefined;
  const name = claims.name ?? ([claims.given_name, claims.family_name].filter(Boolean).join(" ") || `LMS user ${claims.sub.slice(0, 8)}`);
  const context = claims["https://purl.imsglobal.org/spec/lti/claim/context"];
  const ags = claims[AGS_CLAIM];
  const dl = claims[DL_CLAIM];
  return {
    platform,
    messageType: claims["https://purl.imsglobal.org/spec/lti/claim/message_type"],
    deploymentId,
    sub: claims.sub,
    learnerEmail: learnerIdOf(platform.id, claims.sub),
    name,
    lmsEmail: claims.email ?? null,
    role: roleOf(claims["https://purl.imsglobal.org/spec/lti/claim/roles"]),
    context: context ? { id: context.id, title: context.title ?? context.label ?? context.id } : undefined,
    target: targetPath(claims["https://purl.imsglobal.org/spec/lti/claim/target_link_uri"], custom, toolOrigin),
    exerciseId,
    ags: ags ? { scope: ags.scope, ...(ags.lineitems ? { lineitems: ags.lineitems } : {}), ...(ags.lineitem ? { lineitem: ags.lineitem } : {}) } : undefined,
    membershipsUrl: claims[NRPS_CLAIM]?.context_memberships_url,
    deepLinking: dl ? { returnUrl: dl.deep_link_return_url, acceptTypes: dl.accept_types, ...(dl.data !== undefined ? { data: dl.data } : {}) } : undefined,
  };
}

/** A path on this server: `custom.descent_path`, else the target link's path, else the course's home page. */
function targetPath(targetLink: string | undefined, custom: Record<string, unknown>, toolOrigin: string): string {
  const safe = (path: string) => path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/api/");
  if (typeof custom.descent_path === "string" && safe(custom.descent_path)) return custom.descent_path;
  if (targetLink && sameOrigin(targetLink, toolOrigin)) {
    const url = new URL(targetLink);
    const path = `${url.pathname}${url.search}${url.hash}`;
    if (safe(path)) return path;
  }
  return "/";
}
