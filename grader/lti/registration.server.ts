/** Registering a platform (an LMS) here: what the instructor copies from the LMS's side. */
import "server-only";
import { createHash } from "node:crypto";
import * as z from "zod";
import type { NewPlatform } from "./store.server";

const url = (what: string) =>
  z
    .string()
    .trim()
    .url(`${what} must be a URL`)
    .refine((value) => /^https?:\/\//.test(value), `${what} must be an http(s) URL`);

export const platformSchema = z.object({
  name: z.string().trim().min(1, "name is required").max(200),
  issuer: z.string().trim().min(1, "issuer is required").max(500),
  clientId: z.string().trim().min(1, "client id is required").max(500),
  deploymentIds: z
    .union([z.array(z.string()), z.string()])
    .transform((value) => (Array.isArray(value) ? value : value.split(/[\s,]+/)).map((id) => id.trim()).filter(Boolean))
    .refine((ids) => ids.length > 0, "at least one deployment id is required"),
  authUrl: url("the auth (OIDC authorization) URL"),
  tokenUrl: url("the token URL"),
  jwksUrl: url("the platform's JWKS URL"),
});

/** A stable, readable id: a registration's issuer and client id never change. */
export function newPlatform(input: z.infer<typeof platformSchema>): NewPlatform {
  const id = `p${createHash("sha256").update(`${input.issuer}\n${input.clientId}`).digest("hex").slice(0, 10)}`;
  return { id, ...input };
}
