import { type NextRequest, NextResponse } from "next/server";
import * as z from "zod";
import { jsonError, learnerOf, readJson, SMALL_JSON_HEADERS } from "@/grader/http.server";
import { getGrader } from "@/grader/service.server";

export const dynamic = "force-dynamic";

const lessonSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "lesson must be a lesson's slug");

const saveSchema = z.object({
  lesson: lessonSchema,
  /** `cell:<n>` (an authored cell) or `exercise:<id>`. */
  key: z.string().regex(/^(cell:\d{1,4}|exercise:[a-z0-9-]{1,200})$/, "key must be cell:<n> or exercise:<id>"),
  code: z.string().max(200_000, "code is longer than 200,000 characters"),
  /** The version this code was edited from; 0 when there was none. */
  baseVersion: z.number().int().nonnegative(),
});

/** GET /api/drafts?lesson=<slug>: the signed-in learner's saved code in that lesson, `{drafts: [{key, code, version, updatedAt}]}`. */
export async function GET(request: NextRequest) {
  const learner = learnerOf(request);
  if (!learner) return jsonError(401, "sign in first: POST /api/session {name, email}");
  const lesson = lessonSchema.safeParse(request.nextUrl.searchParams.get("lesson"));
  if (!lesson.success) return jsonError(400, "lesson: give ?lesson=<slug>");
  const { store } = await getGrader();
  return NextResponse.json({ drafts: await store.drafts(learner.email, lesson.data) }, { headers: SMALL_JSON_HEADERS });
}

/**
 * PUT /api/drafts {lesson, key, code, baseVersion}: 200 `{draft}` when `baseVersion` is the stored version;
 * 409 `{current}` when another device saved since, so the page can show both and let the learner choose.
 */
export async function PUT(request: NextRequest) {
  const learner = learnerOf(request);
  if (!learner) return jsonError(401, "sign in first: POST /api/session {name, email}");
  const parsed = saveSchema.safeParse(await readJson(request));
  if (!parsed.success) return jsonError(400, parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "));
  const { store } = await getGrader();
  const outcome = await store.saveDraft(learner.email, parsed.data);
  return outcome.saved
    ? NextResponse.json({ draft: outcome.draft }, { headers: SMALL_JSON_HEADERS })
    : NextResponse.json({ error: "a newer version was saved from another browser", current: outcome.current }, { status: 409, headers: SMALL_JSON_HEADERS });
}
