import type { NextRequest } from "next/server";
import { errorPage } from "@/grader/lti/html.server";
import { LtiError, startLogin } from "@/grader/lti/launch.server";
import { toolOrigin } from "@/grader/lti/origin.server";
import { getGrader } from "@/grader/service.server";

export const dynamic = "force-dynamic";

/** OIDC third-party initiated login (GET or form POST from the LMS): on to the platform's auth endpoint. */
async function login(request: NextRequest, params: Record<string, string>) {
  try {
    const url = await startLogin((await getGrader()).store.lti, params, toolOrigin(request));
    return new Response(null, { status: 302, headers: { location: url.toString(), "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof LtiError) return errorPage(error);
    console.error(`[descent lti] login failed: ${(error as Error).message}`);
    return errorPage(new LtiError(500, "Signing in failed", "Descent could not start the sign-in. Try again in a minute."));
  }
}

export async function GET(request: NextRequest) {
  return login(request, Object.fromEntries(request.nextUrl.searchParams));
}

export async function POST(request: NextRequest) {
  const form = await request.formData().catch(() => undefined);
  const params: Record<string, string> = {};
  for (const [name, value] of form?.entries() ?? []) if (typeof value === "string") params[name] = value;
  return login(request, params);
}
