import { type NextRequest, NextResponse } from "next/server";
import { instructorRequest, jsonError, readJson } from "@/grader/http.server";
import { newPlatform, platformSchema } from "@/grader/lti/registration.server";
import { getGrader } from "@/grader/service.server";

export const dynamic = "force-dynamic";

/** GET: the registered platforms (instructor). */
export async function GET(request: NextRequest) {
  if (!instructorRequest(request)) return jsonError(403, "instructors only (see DESCENT_INSTRUCTOR_TOKEN in README)");
  return NextResponse.json(await (await getGrader()).store.lti.platforms());
}

/** POST {name, issuer, clientId, deploymentIds, authUrl, tokenUrl, jwksUrl} (JSON or the form on /instructor/lti). */
export async function POST(request: NextRequest) {
  if (!instructorRequest(request)) return jsonError(403, "instructors only (see DESCENT_INSTRUCTOR_TOKEN in README)");
  const isForm = request.headers.get("content-type")?.includes("application/x-www-form-urlencoded") ?? false;
  const body = isForm ? Object.fromEntries((await request.formData()).entries()) : await readJson(request);
  const parsed = platformSchema.safeParse(body);
  const fail = (status: number, message: string) =>
    isForm ? new NextResponse(null, { status: 303, headers: { location: `/instructor/lti?error=${encodeURIComponent(message)}` } }) : jsonError(status, message);
  if (!parsed.success) return fail(400, parsed.error.issues.map((issue) => issue.message).join("; "));
  const platform = newPlatform(parsed.data);
  try {
    await (await getGrader()).store.lti.addPlatform(platform);
  } catch (error) {
    return fail(409, (error as Error).message);
  }
  return isForm ? new NextResponse(null, { status: 303, headers: { location: "/instructor/lti?added=1" } }) : NextResponse.json(platform, { status: 201 });
}
