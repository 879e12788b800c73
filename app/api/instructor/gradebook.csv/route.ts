import type { NextRequest } from "next/server";
import { gradebookCsv } from "@/grader/gradebook.server";
import { instructorRequest, jsonError } from "@/grader/http.server";
import { getGrader } from "@/grader/service.server";

export const dynamic = "force-dynamic";

/** GET /api/instructor/gradebook.csv: one row per learner and exercise. */
export async function GET(request: NextRequest) {
  if (!instructorRequest(request)) return jsonError(403, "instructors only: send the instructor token");
  return new Response(gradebookCsv(await (await getGrader()).gradebook()), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="gradebook.csv"', "cache-control": "no-store" },
  });
}
