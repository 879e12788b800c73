import { type NextRequest, NextResponse } from "next/server";
import { authorPreview, authorPreviewEnabled } from "@/grader/author-preview.server";
import { jsonError } from "@/grader/http.server";

export const dynamic = "force-dynamic";

/** GET /api/author/exercises/:id/preview (npm run dev only): the tests against the solution and each declared mistake. */
export async function GET(_request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  if (!authorPreviewEnabled()) return jsonError(404, "the author preview runs in npm run dev only");
  const { id } = await params;
  const preview = await authorPreview(id);
  if (!preview) return jsonError(404, `no exercise with id "${id}"`);
  return NextResponse.json(preview, { headers: { "cache-control": "no-store" } });
}
