import { type NextRequest, NextResponse } from "next/server";
import { learnerOf, SMALL_JSON_HEADERS } from "@/grader/http.server";

export const dynamic = "force-dynamic";

/** GET /api/lti/session: whether the session cookie came back (the launch page's third-party cookie check). */
export async function GET(request: NextRequest) {
  return NextResponse.json({ signedIn: learnerOf(request) !== undefined }, { headers: SMALL_JSON_HEADERS });
}
