/**
 * Sessions: a learner signs in with name and email and gets a signed, HttpOnly cookie; an
 * instructor presents the instructor token (DESCENT_INSTRUCTOR_TOKEN) and gets a cookie derived
 * from it. Signatures are HMAC-SHA256 with a secret from DESCENT_SESSION_SECRET, or one generated
 * once and kept in the data folder.
 */
import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as z from "zod";

export const SESSION_COOKIE = "descent_session";
export const INSTRUCTOR_COOKIE = "descent_instructor";
/** Used when DESCENT_INSTRUCTOR_TOKEN is not set, outside production only (see README). */
export const DEV_INSTRUCTOR_TOKEN = "descent-dev-instructor";

export const signInSchema = z.object({
  name: z.string().trim().min(1, "name is required").max(200),
  email: z.email("email must be an email address").max(320).transform((email) => email.trim().toLowerCase()),
});

let secret: Buffer | undefined;
function sessionSecret(): Buffer {
  if (secret) return secret;
  if (process.env.DESCENT_SESSION_SECRET) return (secret = Buffer.from(process.env.DESCENT_SESSION_SECRET));
  const dir = process.env.DESCENT_DATA_DIR ?? join(/*turbopackIgnore: true*/ process.cwd(), "data");
  const file = join(/*turbopackIgnore: true*/ dir, "session-secret");
  mkdirSync(dir, { recursive: true });
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
  return (secret = Buffer.from(readFileSync(file, "utf8").trim()));
}

const sign = (value: string) => createHmac("sha256", sessionSecret()).update(value).digest("base64url");

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function sessionToken(email: string): string {
  const payload = Buffer.from(JSON.stringify({ email })).toString("base64url");
  return `${payload}.${sign(payload)}`;
}

export function readSession(token: string | undefined): { email: string } | undefined {
  if (!token) return undefined;
  const [payload, signature] = token.split(".");
  if (!payload || !signature || !safeEqual(signature, sign(payload))) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    const email = (parsed as { email?: unknown }).email;
    return typeof email === "string" ? { email } : undefined;
  } catch {
    return undefined;
  }
}

export function instructorToken(): string | undefined {
  if (process.env.DESCENT_INSTRUCTOR_TOKEN) return process.env.DESCENT_INSTRUCTOR_TOKEN;
  return process.env.NODE_ENV === "production" && !process.env.DESCENT_ALLOW_DEV_INSTRUCTOR ? undefined : DEV_INSTRUCTOR_TOKEN;
}

export function instructorCookieValue(): string | undefined {
  const token = instructorToken();
  return token ? sign(`instructor:${token}`) : undefined;
}

/** An instructor request carries the token (Authorization: Bearer …) or the cookie it earned. */
export function isInstructor(headers: { authorization?: string | null; cookie?: string | undefined }): boolean {
  const token = instructorToken();
  if (!token) return false;
  const bearer = headers.authorization?.replace(/^Bearer\s+/i, "");
  if (bearer && safeEqual(bearer, token)) return true;
  const expected = instructorCookieValue();
  return headers.cookie !== undefined && expected !== undefined && safeEqual(headers.cookie, expected);
}
