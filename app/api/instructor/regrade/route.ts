import { type NextRequest, NextResponse } from "next/server";
import { instructorRequest, jsonError, readJson } from "@/grader/http.server";
import { getGrader, UnknownExercise } from "@/grader/service.server";

export const dynamic = "force-dynamic";

/** POST /api/instructor/regrade {exerciseId} (JSON or a form): re-reads the tests and regrades every submission. */
export async function POST(request: NextRequest) {
  if (!instructorRequest(request)) return jsonError(403, "instructors only: send the instructor token");
  const form = request.headers.get("content-type")?.includes("application/x-www-form-urlencoded");
  const exerciseId = form ? String((await request.formData()).get("exerciseId") ?? "") : String(((await readJson(request)) as { exerciseId?: unknown } | undefined)?.exerciseId ?? "");
  try {
    const queued = await (await getGrader()).regradeAll(exerciseId);
    return form ? new NextResponse(null, { status: 303, headers: { location: `/instructor?regraded=${encodeURIComponent(exerciseId)}` } }) : NextResponse.json({ exerciseId, queued });
  } catch (error) {
    if (error instanceof UnknownExercise) return jsonError(404, error.message);
    throw error;
  }
}
