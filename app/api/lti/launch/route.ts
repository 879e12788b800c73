import { exerciseAnchor } from "@/components/section-of";
import { type NextRequest, NextResponse } from "next/server";
import { setLaunchCookies, resumeTicket } from "@/grader/lti/cookies.server";
import { pickTicket } from "@/grader/lti/deep-linking.server";
import { errorPage, pickerPage, startPage } from "@/grader/lti/html.server";
import { LtiError, verifyLaunch } from "@/grader/lti/launch.server";
import { toolOrigin } from "@/grader/lti/origin.server";
import { getGrader } from "@/grader/service.server";
import { listLessons } from "@/course/lessons.server";

export const dynamic = "force-dynamic";

/** The platform posts the signed id_token here (form_post). A bad one gets an error page. */
export async function POST(request: NextRequest) {
  const form = await request.formData().catch(() => undefined);
  const field = (name: string) => {
    const value = form?.get(name);
    return typeof value === "string" ? value : undefined;
  };
  const origin = toolOrigin(request);
  const grader = await getGrader();
  const lti = grader.store.lti;
  try {
    const launch = await verifyLaunch(lti, { id_token: field("id_token"), state: field("state") }, origin);
    if (launch.messageType === "LtiDeepLinkingRequest") {
      if (launch.role !== "instructor") throw new LtiError(403, "Only instructors add content", "Adding Descent content to a course needs an instructor role in the LMS.");
      const exercises = grader.exerciseList();
      const items = [
        ...(await listLessons()).map((lesson) => ({ kind: "lesson" as const, id: lesson.slug, title: lesson.title, path: `/lessons/${lesson.slug}` })),
        ...exercises.map((exercise) => ({ kind: "exercise" as const, id: exercise.id, title: exercise.meta.title, path: `/lessons/${exercise.lesson}#${exerciseAnchor(exercise.id)}` })),
      ];
      return pickerPage(items, await pickTicket(lti, launch));
    }
    await grader.store.upsertLearner(launch.learnerEmail, launch.name);
    if (launch.context) {
      await lti.saveContext({ platformId: launch.platform.id, contextId: launch.context.id, title: launch.context.title, lineitemsUrl: launch.ags?.lineitems ?? null, membershipsUrl: launch.membershipsUrl ?? null });
      await lti.saveMembers([
        { platformId: launch.platform.id, contextId: launch.context.id, sub: launch.sub, learnerEmail: launch.learnerEmail, name: launch.name, lmsEmail: launch.lmsEmail, role: launch.role, launchedAt: new Date().toISOString() },
      ]);
      if (launch.exerciseId && launch.ags?.lineitem) await lti.setLineItem(launch.platform.id, launch.context.id, launch.exerciseId, launch.ags.lineitem);
    }
    const ticket = await resumeTicket(lti, { learnerEmail: launch.learnerEmail, role: launch.role, target: launch.target, platformId: launch.platform.id });
    const page = startPage(launch.name, launch.target, `/api/lti/resume?ticket=${encodeURIComponent(ticket)}`);
    const response = new NextResponse(page.body, { status: page.status, headers: page.headers });
    setLaunchCookies(response, launch, new URL(origin));
    return response;
  } catch (error) {
    if (error instanceof LtiError) return errorPage(error);
    console.error(`[descent lti] launch failed: ${(error as Error).message}`);
    return errorPage(new LtiError(500, "The launch failed", "Descent could not finish signing you in. Open the activity again from your course."));
  }
}
