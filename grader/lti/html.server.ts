/** The few pages LTI answers with directly (errors, the sign-in check, the picker, the auto-post to the LMS). */
import "server-only";
import type { LtiError } from "./launch.server";

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function htmlPage(title: string, body: string, status = 200): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)} · Descent</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}button,a.button{font:inherit;padding:.4rem .8rem}li{margin:.3rem 0}</style></head>
<body><main>${body}</main></body></html>`;
  return new Response(html, { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}

/** A refused launch: what went wrong and what to do, never a stack trace or a token. */
export function errorPage(error: LtiError): Response {
  return htmlPage(error.title, `<h1>${escape(error.title)}</h1><p role="alert">${escape(error.message)}</p><p>If this keeps happening, tell your instructor what this page says.</p>`, error.status);
}

/**
 * After a launch: the session cookie was set, but a browser that blocks third-party cookies drops
 * it inside the LMS's iframe. The page asks the server whether the cookie came back; if so it
 * opens the target, otherwise it offers to open Descent in a window of its own (first-party there).
 */
export function startPage(name: string, target: string, resumeUrl: string): Response {
  // Inside <script> nothing is HTML-decoded: JSON with "<" escaped cannot close the element.
  const data = JSON.stringify({ target }).replace(/</g, "\\u003c");
  return htmlPage(
    "Signing in",
    `<h1>Welcome, ${escape(name)}</h1>
<p id="checking" role="status">Signing you in…</p>
<div id="blocked" hidden><p role="alert">Your browser keeps this page from signing you in inside the course page (it blocks third-party cookies).</p>
<p><a class="button" href="${escape(resumeUrl)}" target="_blank" rel="noopener">Open Descent in a new window</a></p></div>
<script type="application/json" id="descent-launch">${data}</script>
<script>
(async () => {
  const { target } = JSON.parse(document.getElementById("descent-launch").textContent);
  try {
    const session = await (await fetch("/api/lti/session", { credentials: "same-origin", cache: "no-store" })).json();
    if (session.signedIn) return location.replace(target);
  } catch {}
  document.getElementById("checking").hidden = true;
  document.getElementById("blocked").hidden = false;
})();
</script>`,
  );
}

export function pickerPage(items: { kind: string; id: string; title: string; path: string }[], ticket: string): Response {
  const rows = items
    .map(
      (item) => `<li><form method="post" action="/api/lti/deep-link"><input type="hidden" name="ticket" value="${escape(ticket)}"><input type="hidden" name="item" value="${escape(`${item.kind}:${item.id}`)}">
<button type="submit" aria-label="Add ${escape(item.kind)}: ${escape(item.title)}">Add</button> ${item.kind === "exercise" ? "Exercise" : "Lesson"}: ${escape(item.title)}</form></li>`,
    )
    .join("\n");
  return htmlPage("Add Descent content", `<h1>Add Descent content to your course</h1><p>Pick a lesson, or an exercise (its grade is sent to the LMS gradebook).</p><ul>${rows}</ul>`);
}

/** Posts the signed deep-linking answer back to the LMS (the platform expects a form post of `JWT`). */
export function autoPostPage(returnUrl: string, jwt: string): Response {
  return htmlPage(
    "Returning to your course",
    `<form id="return" method="post" action="${escape(returnUrl)}"><input type="hidden" name="JWT" value="${escape(jwt)}"><p>Returning to your course… <button type="submit">Continue</button></p></form>
<script>document.getElementById("return").submit();</script>`,
  );
}
