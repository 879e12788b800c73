/**
 * A static block of a lesson's prose on the server (see course/rehype-static-prose.ts): its HTML
 * goes to the HTML render through components/static-html.ts, not through the RSC payload.
 */
import { putStaticHtml } from "./static-html";
import { StaticBlock, type StaticBlockProps } from "./StaticBlock";

export function StaticProse({ html, ...block }: StaticBlockProps & { html: string }) {
  putStaticHtml(block.k, html);
  return <StaticBlock {...block} />;
}
