import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { instructorPage } from "@/grader/instructor-auth.server";
import { getGrader } from "@/grader/service.server";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "LMS (LTI 1.3)" };

const FIELDS = [
  ["name", "Name (e.g. Canvas at our school)"],
  ["issuer", "Issuer (iss)"],
  ["clientId", "Client ID"],
  ["deploymentIds", "Deployment IDs (comma-separated)"],
  ["authUrl", "Auth (OIDC authorization) URL"],
  ["tokenUrl", "Access token URL"],
  ["jwksUrl", "Platform keyset (JWKS) URL"],
] as const;

/** Registering an LMS: what to give it, and what to copy from it. */
export default async function LtiPage({ searchParams }: { searchParams: Promise<{ added?: string; error?: string }> }) {
  if (!(await instructorPage())) {
    return (
      <article className="lesson">
        <h1>LMS (LTI 1.3)</h1>
        <p>
          Sign in on the <Link href="/instructor">gradebook</Link> first.
        </p>
      </article>
    );
  }
  const { added, error } = await searchParams;
  const list = await headers();
  const origin = process.env.DESCENT_PUBLIC_URL ? new URL(process.env.DESCENT_PUBLIC_URL).origin : `${list.get("x-forwarded-proto") ?? "http"}://${list.get("host") ?? "localhost"}`;
  const platforms = await (await getGrader()).store.lti.platforms();
  return (
    <article className="lesson">
      <h1>LMS (LTI 1.3)</h1>
      <h2>Give these to the LMS</h2>
      <dl aria-label="Tool settings">
        <dt>OIDC login (initiation) URL</dt>
        <dd><code>{origin}/api/lti/login</code></dd>
        <dt>Target link URI and redirect URI (launch)</dt>
        <dd><code>{origin}/api/lti/launch</code></dd>
        <dt>Deep linking URL</dt>
        <dd><code>{origin}/api/lti/launch</code></dd>
        <dt>Public keyset (JWKS) URL</dt>
        <dd><code>{origin}/api/lti/jwks</code></dd>
      </dl>
      <h2>Register a platform</h2>
      {added ? <p role="status">Platform registered.</p> : null}
      {error ? <p role="alert">{error}</p> : null}
      <form method="post" action="/api/lti/platforms" aria-label="Register a platform">
        {FIELDS.map(([name, label]) => (
          <p key={name}>
            <label>
              {label} <input name={name} required size={60} />
            </label>
          </p>
        ))}
        <button type="submit">Register</button>
      </form>
      <h2>Registered platforms</h2>
      {platforms.length === 0 ? <p>None yet.</p> : null}
      <ul>
        {platforms.map((p) => (
          <li key={p.id}>
            <strong>{p.name}</strong>: issuer <code>{p.issuer}</code>, client id <code>{p.clientId}</code>, deployments {p.deploymentIds.join(", ")}
          </li>
        ))}
      </ul>
    </article>
  );
}
