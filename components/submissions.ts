/**
 * The page's side of the submissions API: submit, then poll until the server has graded it (and the
 * same for a submission a reloaded page remembers).
 * Each click gets one Idempotency-Key; a POST that meets a network error or a restarting server
 * is sent again with the same key, so a learner who clicked once is counted once.
 */
import type { SubmissionView } from "@/app/api/contract";
import { storedSchemas } from "./exercise-store";

const POLL_MS = 400;
const GIVE_UP_MS = 120_000;
/** How long a click keeps retrying its POST while the server is unreachable or restarting. */
const RETRY_FOR_MS = 60_000;
const RETRY_STATUSES = new Set([502, 503, 504]);

/** A random key per click (crypto.randomUUID exists only on secure origins; getRandomValues everywhere). */
function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** POSTs the submission, retrying with the same key after network errors and 502/503/504. */
async function postSubmission(exerciseId: string, code: string, key: string): Promise<Response | undefined> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    const response = await fetch("/api/submissions", {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": key },
      body: JSON.stringify({ exerciseId, code }),
    }).catch(() => undefined);
    if (response && !RETRY_STATUSES.has(response.status)) return response;
    if (Date.now() - started > RETRY_FOR_MS) return response;
    await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 250 * 2 ** attempt)));
  }
}

async function readError(response: Response): Promise<string> {
  try {
    const { apiErrorSchema } = await storedSchemas();
    const body = apiErrorSchema.safeParse(await response.json());
    return body.success ? body.data.error : `the server answered ${response.status}`;
  } catch {
    return `the server answered ${response.status}`;
  }
}

export async function submitAndWait(
  exerciseId: string,
  code: string,
  onProgress: (submission: SubmissionView) => void,
): Promise<SubmissionView | { error: string } | "signed-out"> {
  const response = await postSubmission(exerciseId, code, newIdempotencyKey());
  if (!response) return { error: "Could not reach the server for a minute: your code is saved here; submit again when you are back online." };
  if (response.status === 401) return "signed-out";
  if (!response.ok) return { error: `Submission failed: ${await readError(response)}` };
  const { submissionViewSchema } = await storedSchemas();
  const body = submissionViewSchema.safeParse(await response.json());
  if (!body.success) return { error: "The server's answer could not be read." };
  const graded = await untilGraded(body.data, onProgress);
  return graded ?? { error: "The server has not graded this submission yet: reload the page later to see it." };
}

/**
 * The server's current view of a submission sent earlier (what a reload shows: it may have been
 * reviewed, regraded, or still be waiting), followed until it is graded. Undefined when the server
 * does not answer with it (signed out, gone, offline): the page keeps what it remembered.
 */
export async function currentSubmission(id: string, onProgress: (submission: SubmissionView) => void): Promise<SubmissionView | undefined> {
  const { submissionViewSchema } = await storedSchemas();
  const response = await fetch(`/api/submissions/${encodeURIComponent(id)}`).catch(() => undefined);
  const body = response?.ok ? submissionViewSchema.safeParse(await response.json().catch(() => undefined)) : undefined;
  if (!body?.success || body.data.id !== id) return undefined;
  return untilGraded(body.data, onProgress);
}

/** Polls a submission until the server has graded it; undefined after GIVE_UP_MS. */
async function untilGraded(first: SubmissionView, onProgress: (submission: SubmissionView) => void): Promise<SubmissionView | undefined> {
  const { submissionViewSchema } = await storedSchemas();
  let latest = first;
  const started = Date.now();
  while (latest.status !== "graded") {
    onProgress(latest);
    if (Date.now() - started > GIVE_UP_MS) return undefined;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const poll = await fetch(`/api/submissions/${encodeURIComponent(latest.id)}`).catch(() => undefined);
    if (!poll?.ok) continue;
    const body = submissionViewSchema.safeParse(await poll.json().catch(() => undefined));
    if (body.success) latest = body.data;
  }
  return latest;
}
