import { type NextRequest, NextResponse } from "next/server";
import { SESSION_COOKIE } from "@/grader/session.server";
import { type JsonAnswer, MAX_SUBMISSION_BYTES, offerDirectRoutes, parseJson, postSubmission, tooLarge } from "@/grader/submissions-api.server";

export const dynamic = "force-dynamic";

// Once Next has loaded this route, server.mjs serves the POST directly (grader/submissions-api.server.ts).
offerDirectRoutes();

/** POST /api/submissions: see postSubmission. */
export async function POST(request: NextRequest) {
  // The header turns a large body away unread; a body sent without it (chunked) is measured as read.
  if (Number(request.headers.get("content-length")) > MAX_SUBMISSION_BYTES) return json(tooLarge());
  const text = await request.text().catch(() => "");
  if (Buffer.byteLength(text) > MAX_SUBMISSION_BYTES) return json(tooLarge());
  return json(
    await postSubmission({
      session: request.cookies.get(SESSION_COOKIE)?.value,
      idempotencyKey: request.headers.get("idempotency-key"),
      body: parseJson(text),
    }),
  );
}

const json = (answer: JsonAnswer) => NextResponse.json(answer.body, { status: answer.status, headers: answer.headers });
