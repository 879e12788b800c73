/**
 * Deep Linking 2.0: an instructor, launched from the LMS's "add content" screen, picks a lesson or
 * an exercise; we answer the platform with a signed LtiDeepLinkingResponse holding one
 * ltiResourceLink (an exercise's carries a line item, so the LMS makes its gradebook column).
 * Between the picker and the answer, the request's settings travel in a short-lived JWT signed
 * with our key, so nothing needs a cookie inside the LMS's iframe.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import * as z from "zod";
import { ALG, toolKey } from "./keys.server";
import { CLAIM, type Launch, LtiError } from "./launch.server";
import type { LtiStore } from "./store.server";

const PICK_AUDIENCE = "descent:deep-link-pick";

export interface Pickable {
  kind: "lesson" | "exercise";
  id: string;
  title: string;
  path: string;
  maxScore?: number;
}

const ticketSchema = z.object({ platformId: z.string(), deploymentId: z.string(), returnUrl: z.string(), data: z.string().optional() });

/** The signed ticket the picker's forms carry back to /api/lti/deep-link. */
export async function pickTicket(store: LtiStore, launch: Launch): Promise<string> {
  if (!launch.deepLinking) throw new LtiError(400, "Not a deep-linking launch", "The LMS did not send deep-linking settings.");
  const key = await toolKey(store);
  return new SignJWT({ platformId: launch.platform.id, deploymentId: launch.deploymentId, returnUrl: launch.deepLinking.returnUrl, ...(launch.deepLinking.data !== undefined ? { data: launch.deepLinking.data } : {}) })
    .setProtectedHeader({ alg: ALG, kid: key.kid })
    .setAudience(PICK_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime("30m")
    .sign(key.privateKey);
}

/** The signed answer to the platform for the picked item, and where to post it. */
export async function deepLinkingResponse(store: LtiStore, ticket: string, item: Pickable, toolOrigin: string): Promise<{ returnUrl: string; jwt: string }> {
  const key = await toolKey(store);
  let claims: z.infer<typeof ticketSchema>;
  try {
    const { payload } = await jwtVerify(ticket, key.publicJwk, { audience: PICK_AUDIENCE, algorithms: [ALG] });
    claims = ticketSchema.parse(payload);
  } catch {
    throw new LtiError(400, "This choice has expired", "Picking content took too long or the form was altered. Start again from the LMS.");
  }
  const platform = await store.platform(claims.platformId);
  if (!platform) throw new LtiError(403, "This LMS is not registered", "The platform of this request was removed.");
  const link = {
    type: "ltiResourceLink",
    title: item.title,
    url: `${toolOrigin}/api/lti/launch`,
    custom: { descent_path: item.path, ...(item.kind === "exercise" ? { descent_exercise: item.id } : {}) },
    ...(item.kind === "exercise" && item.maxScore !== undefined ? { lineItem: { scoreMaximum: item.maxScore, label: item.title, resourceId: item.id, tag: "descent" } } : {}),
  };
  const jwt = await new SignJWT({
    nonce: randomUUID(),
    [`${CLAIM}message_type`]: "LtiDeepLinkingResponse",
    [`${CLAIM}version`]: "1.3.0",
    [`${CLAIM}deployment_id`]: claims.deploymentId,
    "https://purl.imsglobal.org/spec/lti-dl/claim/content_items": [link],
    ...(claims.data !== undefined ? { "https://purl.imsglobal.org/spec/lti-dl/claim/data": claims.data } : {}),
  })
    .setProtectedHeader({ alg: ALG, kid: key.kid, typ: "JWT" })
    .setIssuer(platform.clientId)
    .setAudience(platform.issuer)
    .setIssuedAt()
    .setExpirationTime("5m")
    .sign(key.privateKey);
  return { returnUrl: claims.returnUrl, jwt };
}
