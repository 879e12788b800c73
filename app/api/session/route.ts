import { type NextRequest, NextResponse } from "next/server";
import { jsonError, readJson } from "@/grader/http.server";
import { getGrader } from "@/grader/service.server";
import { SESSION_COOKIE, sessionToken, signInSchema } from "@/grader/session.server";

export const dynamic = "force-dynamic";

/** POST /api/session {name, email}: signs a learner in with a signed, HttpOnly session cookie. */
export async function POST(request: NextRequest) {
  const parsed = signInSchema.safeParse(await readJson(request));
  if (!parsed.success) return jsonError(400, parsed.error.issues.map((issue) => issue.message).join("; "));
  await (await getGrader()).store.upsertLearner(parsed.data.email, parsed.data.name);
  const response = NextResponse.json({ name: parsed.data.name, email: parsed.data.email });
  response.cookies.set(SESSION_COOKIE, sessionToken(parsed.data.email), {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: request.nextUrl.protocol === "https:",
    maxAge: 60 * 60 * 24 * 180,
  });
  return response;
}
