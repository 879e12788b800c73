import { type NextRequest, NextResponse } from "next/server";
import { readResumeTicket, setLaunchCookies } from "@/grader/lti/cookies.server";
import { errorPage } from "@/grader/lti/html.server";
import { LtiError } from "@/grader/lti/launch.server";
import { toolOrigin } from "@/grader/lti/origin.server";
import { getGrader } from "@/grader/service.server";

export const dynamic = "force-dynamic";

/** The new-window fallback: a one-use, two-minute link from the launch page signs in first-party. */
export async function GET(request: NextRequest) {
  const claims = await readResumeTicket((await getGrader()).store.lti, request.nextUrl.searchParams.get("ticket") ?? "");
  if (!claims) return errorPage(new LtiError(401, "This link was already used", "The sign-in link works once and for two minutes. Open the activity again from your course."));
  const response = new NextResponse(null, { status: 303, headers: { location: claims.target, "cache-control": "no-store" } });
  setLaunchCookies(response, claims, new URL(toolOrigin(request)), true);
  return response;
}
