import { type NextRequest, NextResponse } from "next/server";
import { readJson } from "@/grader/http.server";
import { SESSION_COOKIE } from "@/grader/session.server";
import { MAX_SUBMISSION_BYTES, offerDirectRoutes, postSubmission, tooLarge } from "@/grader/submissions-api.server";

export const dynamic = "force-dynamic";

// Once Next has loaded this route, server.mjs serves the POST directly (grader/submissions-api.server.ts).
offerDirectRoutes();

/** POST /api/submissions: see postSubmission. */
export async function POST(request: NextRequest) {
  const answer = Number(request.headers.get("content-length")) > MAX_SUBMISSION_BYTES
    ? tooLarge()
    : await postSubmission({
        session: request.cookies.get(SESSION_COOKIE)?.value,
        idempotencyKey: request.headers.get("idempotency-key"),
        body: await readJson(request),
      });
  return NextResponse.json(answer.body, { status: answer.status, headers: answer.headers });
}
