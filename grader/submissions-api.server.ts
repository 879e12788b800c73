/**
 * POST /api/submissions, framework-free: one implementation, two ways in. Next's route handler
 * (app/api/submissions/route.ts) adapts a NextRequest to it; the production server (server.mjs)
 * hands it Node's request and response directly, past Next's routing, web streams and response
 * piping, which cost the web process more CPU per submission than the route's own work.
 */
import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { parseCookie } from "next/dist/compiled/@edge-runtime/cookies";
import * as z from "zod";
import { SMALL_JSON_HEADERS } from "./http.server";
import { getGrader, SubmissionRefused, UnknownExercise } from "./service.server";
import { readSession, SESSION_COOKIE } from "./session.server";

/** A JSON answer: what both adapters send. */
export interface JsonAnswer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

const errorAnswer = (status: number, error: string): JsonAnswer => ({ status, body: { error }, headers: SMALL_JSON_HEADERS });

const bodySchema = z.object({
  exerciseId: z.string().min(1).max(200),
  code: z.string().max(200_000, "code is longer than 200,000 characters"),
});

/** Printable ASCII, as the IETF Idempotency-Key draft has it; a UUID fits easily. */
const idempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{1,200}$/, "Idempotency-Key must be 1 to 200 printable ASCII characters");

/** How long the POST waits for the grade before answering "queued" (the client then polls). */
const ANSWER_WITHIN_MS = 3_000;

/** 200,000 characters of code, each up to 4 bytes of UTF-8, and the JSON around them. */
export const MAX_SUBMISSION_BYTES = 1_000_000;

export const tooLarge = () =>
  errorAnswer(413, `the request body is over ${MAX_SUBMISSION_BYTES.toLocaleString("en-US")} bytes: send at most 200,000 characters of code`);

/**
 * POST /api/submissions {exerciseId, code}: {id, status, score, maxScore, tests}, 201.
 * With an `Idempotency-Key` header, a repeat by the same learner answers the first submission
 * (200, `Idempotent-Replayed: true`) instead of storing a second one. The exercise's rules answer
 * 409 once `maxAttempts` are used and 403 past the late policy's last day.
 */
export async function postSubmission(request: {
  /** The session cookie's value. */
  session: string | undefined;
  idempotencyKey: string | null;
  /** The parsed JSON body; undefined when it was not JSON. */
  body: unknown;
}): Promise<JsonAnswer> {
  const learner = readSession(request.session);
  if (!learner) return errorAnswer(401, "sign in first: POST /api/session {name, email}");
  if (request.body === undefined) return errorAnswer(400, 'the body is not JSON: send {"exerciseId": "...", "code": "..."} with Content-Type: application/json');
  const parsed = bodySchema.safeParse(request.body);
  if (!parsed.success) return errorAnswer(400, parsed.error.issues.map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message)).join("; "));
  const header = request.idempotencyKey;
  const key = header === null ? undefined : idempotencyKeySchema.safeParse(header);
  if (key && !key.success) return errorAnswer(400, key.error.issues.map((issue) => issue.message).join("; "));
  const grader = await getGrader();
  let submitted: { id: string; created: boolean };
  try {
    submitted = await grader.submit(learner.email, parsed.data.exerciseId, parsed.data.code, key?.data);
  } catch (error) {
    if (error instanceof UnknownExercise) return errorAnswer(404, error.message);
    if (error instanceof SubmissionRefused) return errorAnswer(error.status, error.message);
    throw error;
  }
  await grader.waitFor(submitted.id, ANSWER_WITHIN_MS);
  const stored = await grader.store.get(submitted.id);
  if (!stored) return errorAnswer(500, "the submission was not stored");
  if (!submitted.created && stored.exerciseId !== parsed.data.exerciseId) {
    return errorAnswer(422, `this Idempotency-Key was already used for a submission to ${stored.exerciseId}: send a new key for a new submission`);
  }
  return {
    status: submitted.created ? 201 : 200,
    body: await grader.view(stored),
    headers: { ...SMALL_JSON_HEADERS, ...(submitted.created ? {} : { "idempotent-replayed": "true" }) },
  };
}

/** The same POST from Node's request, as server.mjs receives it. */
async function servePostSubmission(request: IncomingMessage, response: ServerResponse): Promise<void> {
  let answer: JsonAnswer;
  try {
    const raw = await readBody(request, MAX_SUBMISSION_BYTES);
    answer =
      raw === undefined
        ? tooLarge()
        : await postSubmission({
            session: request.headers.cookie === undefined ? undefined : parseCookie(request.headers.cookie).get(SESSION_COOKIE),
            idempotencyKey: headerValue(request.headers["idempotency-key"]),
            body: parseJson(raw),
          });
  } catch (error) {
    console.error(`[descent] POST /api/submissions: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    answer = errorAnswer(500, "the submission could not be handled; try again");
  }
  const json = JSON.stringify(answer.body);
  response.writeHead(answer.status, {
    ...answer.headers,
    "content-type": "application/json",
    "content-length": Buffer.byteLength(json),
    "x-content-type-options": "nosniff",
  });
  response.end(json);
}

/**
 * The body, or undefined when it is longer than `limit` bytes: the rest is read and dropped, so the
 * client gets its 413, unless it goes on past ten times the limit, which closes the connection.
 */
function readBody(request: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    request.on("data", (chunk: Buffer) => {
      length += chunk.length;
      if (length <= limit) chunks.push(chunk);
      else if (length > 10 * limit) request.destroy();
    });
    request.on("end", () => resolve(length > limit ? undefined : Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
    request.on("close", () => resolve(undefined));
  });
}

/** JSON text's value, or undefined when it is not JSON (postSubmission answers that with a 400). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A header as Next's Headers gives it: repeated ones joined with ", ". */
function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(", ") : value;
}

/** What server.mjs looks up, by `${method} ${path}`, before it hands a request to Next. */
export type DirectRoutes = Record<string, (request: IncomingMessage, response: ServerResponse) => Promise<void>>;

/**
 * Offers the direct way in to server.mjs. It is called when Next first loads the route, so the
 * first submission after a start goes through Next and the rest go direct.
 */
export function offerDirectRoutes(): void {
  const holder = globalThis as { __descentDirectRoutes?: DirectRoutes };
  holder.__descentDirectRoutes = { ...holder.__descentDirectRoutes, "POST /api/submissions": servePostSubmission };
}
