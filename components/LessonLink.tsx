import type { AnchorHTMLAttributes } from "react";

/**
 * A link to a lesson page. A plain link, not Next's client-side navigation: a lesson's prose comes
 * only in its server-rendered HTML (components/StaticBlock.tsx), and a document load runs the page's
 * inline scripts, which start the kernel while the HTML is still arriving.
 */
export function LessonLink(props: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return <a {...props} />;
}
