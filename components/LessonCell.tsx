/**
 * A lesson's code cell on the server: its highlighted HTML (made at build time, course/remark-cells.ts)
 * goes to the page's HTML once through components/static-html.ts, as a prose block's does, and the
 * client component gets only its key, so the RSC payload does not carry the highlighting a second time.
 */
import { staticKey } from "@/course/rehype-static-prose";
import { Cell, type CellProps } from "./Cell";
import { putStaticHtml } from "./static-html";

export function LessonCell({ html, ...cell }: Omit<CellProps, "htmlKey"> & { html?: string }) {
  if (html === undefined) return <Cell {...cell} />;
  const key = staticKey("cell", html);
  putStaticHtml(key, html);
  return <Cell {...cell} htmlKey={key} />;
}
