import { exerciseAnchor } from "@/components/section-of";
import type { NextRequest } from "next/server";
import { listLessons } from "@/course/lessons.server";
import { deepLinkingResponse, type Pickable } from "@/grader/lti/deep-linking.server";
import { autoPostPage, errorPage } from "@/grader/lti/html.server";
import { LtiError } from "@/grader/lti/launch.server";
import { toolOrigin } from "@/grader/lti/origin.server";
import { getGrader } from "@/grader/service.server";

export const dynamic = "force-dynamic";

/** The picker's choice: answered to the LMS as a signed LtiDeepLinkingResponse. */
export async function POST(request: NextRequest) {
  const form = await request.formData().catch(() => undefined);
  const ticket = String(form?.get("ticket") ?? "");
  const [kind, id] = String(form?.get("item") ?? "").split(":");
  const grader = await getGrader();
  let item: Pickable | undefined;
  if (kind === "lesson") {
    const lesson = (await listLessons()).find((candidate) => candidate.slug === id);
    if (lesson) item = { kind, id: lesson.slug, title: lesson.title, path: `/lessons/${lesson.slug}` };
  } else if (kind === "exercise" && id) {
    const exercise = grader.exerciseList().find((candidate) => candidate.id === id);
    const info = await grader.exerciseInfo(id);
    if (exercise && info) item = { kind, id, title: exercise.meta.title, path: `/lessons/${exercise.lesson}#${exerciseAnchor(id)}`, maxScore: info.maxScore };
  }
  try {
    if (!item) throw new LtiError(404, "No such content", `There is no ${kind ?? "item"} "${id ?? ""}" in this course.`);
    const { returnUrl, jwt } = await deepLinkingResponse(grader.store.lti, ticket, item, toolOrigin(request));
    return autoPostPage(returnUrl, jwt);
  } catch (error) {
    if (error instanceof LtiError) return errorPage(error);
    throw error;
  }
}
