/** Helpers shared by the API routes: JSON errors, the signed-in learner, the instructor check. */
import "server-only";
import { type NextRequest, NextResponse } from "next/server";
import { INSTRUCTOR_COOKIE, isInstructor, readSession, SESSION_COOKIE } from "./session.server";

/**
 * Headers of the small JSON answers that come by the hundred per second (submissions, health, errors):
 * never cached, and not gzipped. Next compresses every response, and for a few hundred bytes the zlib
 * stream costs more CPU than the bytes it saves (a quarter of the web process's time per submission,
 * measured with --cpu-prof); `no-transform` is what its compression skips.
 */
export const SMALL_JSON_HEADERS = { "cache-control": "no-store, no-transform" } as const;

export const jsonError = (status: number, error: string) => NextResponse.json({ error }, { status, headers: SMALL_JSON_HEADERS });

export function learnerOf(request: NextRequest): { email: string } | undefined {
  return readSession(request.cookies.get(SESSION_COOKIE)?.value);
}

export function instructorRequest(request: NextRequest): boolean {
  return isInstructor({ authorization: request.headers.get("authorization"), cookie: request.cookies.get(INSTRUCTOR_COOKIE)?.value });
}

export async function readJson(request: NextRequest): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    return undefined;
  }
}
