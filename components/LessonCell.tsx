/**
 * A lesson's code cell on the server: its highlighted HTML (made at build time, course/remark-cells.ts)
 * goes to the page's HTML once through components/static-html.ts, as a prose block's does, and the
 * client component gets only its key, so the RSC payload does not carry the highlighting a second time.
 */
import { createHash } from "node:crypto";
import { Cell, type CellProps } from "./Cell";
import { putStaticHtml } from "./static-html";

export function LessonCell({ html, ...cell }: Omit<CellProps, "htmlKey"> & { html?: string }) {
  if (html === undefined) return <Cell {...cell} />;
  const key = `code-${createHash("sha256").update(html).digest("base64url").slice(0, 16)}`;
  putStaticHtml(key, html);
  return <Cell {...cell} htmlKey={key} />;
}
