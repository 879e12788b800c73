import { type NextRequest, NextResponse } from "next/server";
import { instructorRequest, jsonError } from "@/grader/http.server";
import { getGrader, UnknownExercise } from "@/grader/service.server";
import { DEFAULT_MIN_SIMILARITY, similarPairs } from "@/grader/similarity.server";

export const dynamic = "force-dynamic";

/** GET /api/instructor/exercises/:id/similarity[?min=0.5]: pairs of learners with alike code (Dolos, starter code excluded), most alike first. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  if (!instructorRequest(request)) return jsonError(403, "instructors only: send the instructor token");
  const { id } = await params;
  const min = Number(request.nextUrl.searchParams.get("min") ?? DEFAULT_MIN_SIMILARITY);
  if (!(min >= 0 && min <= 1)) return jsonError(400, "min must be a number from 0 to 1");
  try {
    return NextResponse.json(await similarPairs(await getGrader(), id, min), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof UnknownExercise) return jsonError(404, error.message);
    throw error;
  }
}
