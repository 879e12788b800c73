import { type NextRequest, NextResponse } from "next/server";
import * as z from "zod";
import { jsonError, learnerOf, readJson, SMALL_JSON_HEADERS } from "@/grader/http.server";
import { getGrader, UnknownExercise } from "@/grader/service.server";

export const dynamic = "force-dynamic";

const bodySchema = z.strictObject({ opened: z.number().int().min(0).max(1_000) });

/** POST /api/exercises/:id/hints {opened}: the signed-in learner has opened this many hints (the `hintPenalty` rule). */
export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const learner = learnerOf(request);
  if (!learner) return jsonError(401, "sign in first: POST /api/session {name, email}");
  const parsed = bodySchema.safeParse(await readJson(request));
  if (!parsed.success) return jsonError(400, parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "));
  const { id } = await params;
  try {
    return NextResponse.json({ opened: await (await getGrader()).openHints(learner.email, id, parsed.data.opened) }, { headers: SMALL_JSON_HEADERS });
  } catch (error) {
    if (error instanceof UnknownExercise) return jsonError(404, error.message);
    throw error;
  }
}
