import { type NextRequest, NextResponse } from "next/server";
import { instructorRequest, jsonError } from "@/grader/http.server";
import { syncRoster } from "@/grader/lti/services.server";
import { getGrader } from "@/grader/service.server";

export const dynamic = "force-dynamic";

/** POST: reads every LMS course's roster (NRPS) into the gradebook. JSON {courses, members}, or back to the gradebook for the form. */
export async function POST(request: NextRequest) {
  if (!instructorRequest(request)) return jsonError(403, "instructors only (see DESCENT_INSTRUCTOR_TOKEN in README)");
  const lti = (await getGrader()).store.lti;
  let members = 0;
  const errors: string[] = [];
  const contexts = (await lti.contexts()).filter((context) => context.membershipsUrl);
  for (const context of contexts) {
    const platform = await lti.platform(context.platformId);
    if (!platform) continue;
    try {
      members += (await syncRoster(lti, platform, { contextId: context.contextId, membershipsUrl: context.membershipsUrl as string })).length;
    } catch (error) {
      errors.push(`${context.title}: ${(error as Error).message}`);
    }
  }
  if (request.headers.get("content-type")?.includes("application/x-www-form-urlencoded")) {
    return new NextResponse(null, { status: 303, headers: { location: `/instructor?roster=${members}` } });
  }
  return NextResponse.json({ courses: contexts.length, members, errors });
}
