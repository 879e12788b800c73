/** Our public origin as the LMS sees it: DESCENT_PUBLIC_URL (behind a proxy), else the request's own. */
import "server-only";

export function toolOrigin(request: Request): string {
  if (process.env.DESCENT_PUBLIC_URL) return new URL(process.env.DESCENT_PUBLIC_URL).origin;
  const url = new URL(request.url);
  const host = request.headers.get("host");
  return host ? `${url.protocol}//${host}` : url.origin;
}
