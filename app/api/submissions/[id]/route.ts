import { type NextRequest, NextResponse } from "next/server";
import { instructorRequest, jsonError, learnerOf, SMALL_JSON_HEADERS } from "@/grader/http.server";
import { getGrader } from "@/grader/service.server";

export const dynamic = "force-dynamic";

/** GET /api/submissions/:id: the same shape as POST; only its learner (or an instructor) may see it. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const instructor = instructorRequest(request);
  const learner = learnerOf(request);
  if (!learner && !instructor) return jsonError(401, "sign in first: POST /api/session {name, email}");
  const grader = await getGrader();
  const stored = await grader.store.get(id);
  if (!stored || (!instructor && stored.learnerEmail !== learner?.email)) return jsonError(404, "no such submission");
  return NextResponse.json(await grader.view(stored, { instructor }), { headers: SMALL_JSON_HEADERS });
}
