import { type NextRequest, NextResponse } from "next/server";
import { exerciseAnalytics } from "@/grader/analytics.server";
import { instructorRequest, jsonError } from "@/grader/http.server";
import { getGrader, UnknownExercise } from "@/grader/service.server";

export const dynamic = "force-dynamic";

/** GET /api/instructor/exercises/:id/analytics: per-test passes, declared-mistake matches, scores, first-try success. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  if (!instructorRequest(request)) return jsonError(403, "instructors only: send the instructor token");
  const { id } = await params;
  try {
    return NextResponse.json(await exerciseAnalytics(await getGrader(), id), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof UnknownExercise) return jsonError(404, error.message);
    throw error;
  }
}
