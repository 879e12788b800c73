import { type NextRequest, NextResponse } from "next/server";
import * as z from "zod";
import { instructorRequest, jsonError, readJson } from "@/grader/http.server";
import { getGrader } from "@/grader/service.server";

export const dynamic = "force-dynamic";

const reviewSchema = z.strictObject({
  lines: z
    .array(z.strictObject({ points: z.number().finite().min(-1_000).max(1_000), comment: z.string().trim().min(1, "each rubric line needs a comment").max(2_000) }))
    .max(50),
  comment: z.string().max(10_000).default(""),
});

/**
 * POST /api/instructor/submissions/:id/review {lines: [{points, comment}], comment}: the review by hand
 * (replacing an earlier one). The learner sees it as `review` in GET /api/submissions/:id.
 */
export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  if (!instructorRequest(request)) return jsonError(403, "instructors only: send the instructor token");
  const { id } = await params;
  const parsed = reviewSchema.safeParse(await readJson(request));
  if (!parsed.success) return jsonError(400, parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "));
  const grader = await getGrader();
  const review = await grader.review(id, parsed.data);
  if (!review) return jsonError(404, "no such submission");
  const stored = await grader.store.get(id);
  return NextResponse.json(stored ? await grader.view(stored, { instructor: true }) : { review }, { headers: { "cache-control": "no-store" } });
}
