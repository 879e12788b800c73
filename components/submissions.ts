/** The page's side of the submissions API: submit, then poll until the server has graded it. */
import type { SubmissionView } from "./exercise-store";

const POLL_MS = 400;
const GIVE_UP_MS = 120_000;

function isSubmission(value: unknown): value is SubmissionView {
  return typeof value === "object" && value !== null && typeof (value as SubmissionView).id === "string" && Array.isArray((value as SubmissionView).tests);
}

async function readError(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown };
    return typeof body.error === "string" ? body.error : `the server answered ${response.status}`;
  } catch {
    return `the server answered ${response.status}`;
  }
}

export async function submitAndWait(
  exerciseId: string,
  code: string,
  onProgress: (submission: SubmissionView) => void,
): Promise<SubmissionView | { error: string } | "signed-out"> {
  let response: Response;
  try {
    response = await fetch("/api/submissions", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ exerciseId, code }),
    });
  } catch {
    return { error: "Could not reach the server: your code is saved here; submit again when you are back online." };
  }
  if (response.status === 401) return "signed-out";
  if (!response.ok) return { error: `Submission failed: ${await readError(response)}` };
  let body: unknown = await response.json();
  const started = Date.now();
  while (isSubmission(body) && body.status !== "graded") {
    onProgress(body);
    if (Date.now() - started > GIVE_UP_MS) return { error: "The server has not graded this submission yet: reload the page later to see it." };
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const poll = await fetch(`/api/submissions/${encodeURIComponent(body.id)}`).catch(() => undefined);
    if (!poll?.ok) continue;
    body = await poll.json();
  }
  return isSubmission(body) ? body : { error: "The server's answer could not be read." };
}
