/**
 * A lesson's prose becomes server-rendered HTML that the browser keeps as it is: each top-level
 * element of the prose (a paragraph, a heading, a list, display math) turns into
 * `<StaticProse tag="p" id="…" className="…" k="…" html="…" />`, the element with the same tag and
 * attributes and its content as one HTML string. `StaticProse` is a server component
 * (components/StaticProse.tsx): the string goes into the page's HTML once, and neither the RSC payload
 * nor hydration repeats it (they see one element per block). Run it after rehype-katex and before
 * rehype-static-math, which handles the formulas of the blocks left as they were.
 */
import { createHash } from "node:crypto";
import type { Element, ElementContent, Root, RootContent } from "hast";
import { toHtml } from "hast-util-to-html";
import type { MdxJsxFlowElementHast } from "mdast-util-mdx-jsx";

/** The MDX component the blocks become (given to the MDX content as `components`). */
export const STATIC_PROSE = "StaticProse";

/** Only plain HTML can become a string: anything MDX (JSX, expressions) in a block keeps it as it is. */
function isPlain(node: ElementContent | RootContent): boolean {
  if (node.type === "text" || node.type === "comment") return true;
  if (node.type !== "element") return false;
  return node.children.every(isPlain);
}

/** The attributes a block may carry to become static: what rehype-slug and KaTeX put on top-level elements. */
function blockAttributes(node: Element): { id?: string; className?: string } | undefined {
  const attributes: { id?: string; className?: string } = {};
  for (const [key, value] of Object.entries(node.properties)) {
    if (key === "id" && typeof value === "string") attributes.id = value;
    else if (key === "className" && Array.isArray(value)) attributes.className = value.join(" ");
    else return undefined;
  }
  return attributes;
}

/**
 * Names a static block by what it is (`kind`: its tag, or "cell" for a cell's highlighted code) and
 * its content: the browser finds a block's HTML by it when a block mounts without it.
 */
export function staticKey(kind: string, html: string): string {
  return createHash("sha256").update(kind).update("\0").update(html).digest("base64url").slice(0, 16);
}

function staticBlock(node: Element, attributes: { id?: string; className?: string }): MdxJsxFlowElementHast {
  const html = toHtml(node.children, { characterReferences: { useNamedReferences: true } });
  const values: Record<string, string> = {
    tag: node.tagName,
    ...attributes,
    k: staticKey(node.tagName, html),
    html,
  };
  return {
    type: "mdxJsxFlowElement",
    name: STATIC_PROSE,
    attributes: Object.entries(values).map(([name, value]) => ({ type: "mdxJsxAttribute", name, value })),
    children: [],
  };
}

export function rehypeStaticProse() {
  return (tree: Root) => {
    tree.children = tree.children.map((node) => {
      if (node.type !== "element" || node.children.length === 0 || !node.children.every(isPlain)) return node;
      const attributes = blockAttributes(node);
      return attributes ? (staticBlock(node, attributes) as unknown as RootContent) : node;
    });
  };
}
