import { type NextRequest, NextResponse } from "next/server";
import { jsonError, readJson } from "@/grader/http.server";
import { INSTRUCTOR_COOKIE, instructorCookieValue, isInstructor } from "@/grader/session.server";

export const dynamic = "force-dynamic";

/** POST /api/instructor/session {token} (JSON or a form): sets the instructor cookie. */
export async function POST(request: NextRequest) {
  const form = request.headers.get("content-type")?.includes("application/x-www-form-urlencoded");
  const token = form ? String((await request.formData()).get("token") ?? "") : String(((await readJson(request)) as { token?: unknown } | undefined)?.token ?? "");
  if (!isInstructor({ authorization: `Bearer ${token}` })) return jsonError(403, "wrong instructor token (see DESCENT_INSTRUCTOR_TOKEN in README)");
  // A relative Location: behind a proxy or on 127.0.0.1 vs localhost, request.url may name another host.
  const response = form ? new NextResponse(null, { status: 303, headers: { location: "/instructor" } }) : NextResponse.json({ instructor: true });
  response.cookies.set(INSTRUCTOR_COOKIE, instructorCookieValue() ?? "", { httpOnly: true, sameSite: "strict", path: "/", maxAge: 60 * 60 * 12 });
  return response;
}
