/** Helpers shared by the API routes: JSON errors, the signed-in learner, the instructor check. */
import { type NextRequest, NextResponse } from "next/server";
import { INSTRUCTOR_COOKIE, isInstructor, readSession, SESSION_COOKIE } from "./session.server";

export const jsonError = (status: number, error: string) => NextResponse.json({ error }, { status, headers: { "cache-control": "no-store" } });

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
