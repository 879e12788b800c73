import { type NextRequest, NextResponse } from "next/server";
import * as z from "zod";
import { jsonError, learnerOf, readJson } from "@/grader/http.server";
import { getGrader, UnknownExercise } from "@/grader/service.server";

export const dynamic = "force-dynamic";

const bodySchema = z.object({
  exerciseId: z.string().min(1).max(200),
  code: z.string().max(200_000, "code is longer than 200,000 characters"),
});

/** How long the POST waits for the grade before answering "queued" (the client then polls). */
const ANSWER_WITHIN_MS = 3_000;

/** POST /api/submissions {exerciseId, code}: {id, status, score, maxScore, tests}. */
export async function POST(request: NextRequest) {
  const learner = learnerOf(request);
  if (!learner) return jsonError(401, "sign in first: POST /api/session {name, email}");
  const parsed = bodySchema.safeParse(await readJson(request));
  if (!parsed.success) return jsonError(400, parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "));
  const grader = getGrader();
  let id: string;
  try {
    id = await grader.submit(learner.email, parsed.data.exerciseId, parsed.data.code);
  } catch (error) {
    if (error instanceof UnknownExercise) return jsonError(404, error.message);
    throw error;
  }
  await grader.waitFor(id, ANSWER_WITHIN_MS);
  const stored = grader.store.get(id);
  if (!stored) return jsonError(500, "the submission was not stored");
  return NextResponse.json(await grader.view(stored), { status: 201, headers: { "cache-control": "no-store" } });
}
