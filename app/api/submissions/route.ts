import { type NextRequest, NextResponse } from "next/server";
import * as z from "zod";
import { jsonError, learnerOf, readJson, SMALL_JSON_HEADERS } from "@/grader/http.server";
import { getGrader, SubmissionRefused, UnknownExercise } from "@/grader/service.server";

export const dynamic = "force-dynamic";

const bodySchema = z.object({
  exerciseId: z.string().min(1).max(200),
  code: z.string().max(200_000, "code is longer than 200,000 characters"),
});

/** Printable ASCII, as the IETF Idempotency-Key draft has it; a UUID fits easily. */
const idempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{1,200}$/, "Idempotency-Key must be 1 to 200 printable ASCII characters");

/** How long the POST waits for the grade before answering "queued" (the client then polls). */
const ANSWER_WITHIN_MS = 3_000;

/**
 * POST /api/submissions {exerciseId, code}: {id, status, score, maxScore, tests}, 201.
 * With an `Idempotency-Key` header, a repeat by the same learner answers the first submission
 * (200, `Idempotent-Replayed: true`) instead of storing a second one. The exercise's rules answer
 * 409 once `maxAttempts` are used and 403 past the late policy's last day.
 */
export async function POST(request: NextRequest) {
  const learner = learnerOf(request);
  if (!learner) return jsonError(401, "sign in first: POST /api/session {name, email}");
  const parsed = bodySchema.safeParse(await readJson(request));
  if (!parsed.success) return jsonError(400, parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "));
  const header = request.headers.get("idempotency-key");
  const key = header === null ? undefined : idempotencyKeySchema.safeParse(header);
  if (key && !key.success) return jsonError(400, key.error.issues.map((issue) => issue.message).join("; "));
  const grader = await getGrader();
  let submitted: { id: string; created: boolean };
  try {
    submitted = await grader.submit(learner.email, parsed.data.exerciseId, parsed.data.code, key?.data);
  } catch (error) {
    if (error instanceof UnknownExercise) return jsonError(404, error.message);
    if (error instanceof SubmissionRefused) return jsonError(error.status, error.message);
    throw error;
  }
  await grader.waitFor(submitted.id, ANSWER_WITHIN_MS);
  const stored = await grader.store.get(submitted.id);
  if (!stored) return jsonError(500, "the submission was not stored");
  if (!submitted.created && stored.exerciseId !== parsed.data.exerciseId) {
    return jsonError(422, `this Idempotency-Key was already used for a submission to ${stored.exerciseId}: send a new key for a new submission`);
  }
  return NextResponse.json(await grader.view(stored), {
    status: submitted.created ? 201 : 200,
    headers: { ...SMALL_JSON_HEADERS, ...(submitted.created ? {} : { "idempotent-replayed": "true" }) },
  });
}
