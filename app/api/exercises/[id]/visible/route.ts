import { type NextRequest, NextResponse } from "next/server";
import { jsonError, learnerOf } from "@/grader/http.server";
import { getGrader, UnknownExercise } from "@/grader/service.server";

export const dynamic = "force-dynamic";

/**
 * GET /api/exercises/:id/visible: {seed, answers} for the signed-in learner: their seed and the
 * reference solution's answers to the VISIBLE tests only (data; the code that made them stays here).
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const learner = learnerOf(request);
  if (!learner) return jsonError(401, "sign in first: POST /api/session {name, email}");
  const { id } = await params;
  try {
    return NextResponse.json(await (await getGrader()).visibleAnswers(id, learner.email), { headers: { "cache-control": "private, no-store" } });
  } catch (error) {
    if (error instanceof UnknownExercise) return jsonError(404, error.message);
    throw error;
  }
}
