import { NextResponse } from "next/server";
import { toolKey } from "@/grader/lti/keys.server";
import { getGrader } from "@/grader/service.server";

export const dynamic = "force-dynamic";

/** Our public key set: what the LMS verifies our service tokens and deep-linking answers with. */
export async function GET() {
  const key = await toolKey((await getGrader()).store.lti);
  return NextResponse.json({ keys: [key.publicJwk] }, { headers: { "cache-control": "public, max-age=300" } });
}
