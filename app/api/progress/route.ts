import { type NextRequest, NextResponse } from "next/server";
import { emptyProgress, mergeProgress, type Progress } from "@/components/progress-model";
import { progressSchema } from "@/components/progress-schema";
import { jsonError, learnerOf, readJson, SMALL_JSON_HEADERS } from "@/grader/http.server";
import { getGrader } from "@/grader/service.server";

export const dynamic = "force-dynamic";

function parseStored(text: string | undefined): Progress {
  if (text === undefined) return emptyProgress();
  try {
    const parsed = progressSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : emptyProgress();
  } catch {
    return emptyProgress();
  }
}

/** GET /api/progress: the signed-in learner's progress, `{lessons: {<slug>: {cells, exercises}}, last}`. */
export async function GET(request: NextRequest) {
  const learner = learnerOf(request);
  if (!learner) return jsonError(401, "sign in first: POST /api/session {name, email}");
  const { store } = await getGrader();
  return NextResponse.json(parseStored(await store.progress(learner.email)), { headers: SMALL_JSON_HEADERS });
}

/** PUT /api/progress {lessons, last}: merged into what is stored (progress only grows); answers the merged progress. */
export async function PUT(request: NextRequest) {
  const learner = learnerOf(request);
  if (!learner) return jsonError(401, "sign in first: POST /api/session {name, email}");
  const parsed = progressSchema.safeParse(await readJson(request));
  if (!parsed.success) return jsonError(400, parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "));
  const { store } = await getGrader();
  const merged = await store.updateProgress(learner.email, (current) => JSON.stringify(mergeProgress(parseStored(current), parsed.data)));
  return NextResponse.json(JSON.parse(merged), { headers: SMALL_JSON_HEADERS });
}
