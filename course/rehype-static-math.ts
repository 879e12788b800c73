/**
 * Typeset math becomes one element holding its markup as an HTML string: the same DOM, look and
 * MathML as KaTeX wrote, but React (hydration, the RSC payload) sees one element per formula instead of
 * the dozens of spans KaTeX makes for each. Run it after rehype-katex.
 */
import type { Element, ElementContent, Root } from "hast";
import { toHtml } from "hast-util-to-html";
import type { MdxJsxTextElementHast } from "mdast-util-mdx-jsx";
import { SKIP, visit } from "unist-util-visit";

/** The outermost element KaTeX writes for a formula: `span.katex` inline, `span.katex-display` for display math. */
function isFormula(node: Element): boolean {
  const classes = node.properties.className;
  return Array.isArray(classes) && (classes.includes("katex") || classes.includes("katex-display"));
}

/** `<span className="…" dangerouslySetInnerHTML={{ __html: "…" }} />` as MDX JSX in hast. */
function staticElement(node: Element): MdxJsxTextElementHast {
  const html = toHtml(node.children as ElementContent[]);
  const className = (node.properties.className as (string | number)[]).join(" ");
  const innerHtml = {
    type: "ObjectExpression" as const,
    properties: [
      {
        type: "Property" as const,
        kind: "init" as const,
        method: false,
        shorthand: false,
        computed: false,
        key: { type: "Identifier" as const, name: "__html" },
        value: { type: "Literal" as const, value: html, raw: JSON.stringify(html) },
      },
    ],
  };
  return {
    type: "mdxJsxTextElement",
    name: node.tagName,
    attributes: [
      { type: "mdxJsxAttribute", name: "className", value: className },
      {
        type: "mdxJsxAttribute",
        name: "dangerouslySetInnerHTML",
        value: {
          type: "mdxJsxAttributeValueExpression",
          value: `{ __html: ${JSON.stringify(html)} }`,
          data: { estree: { type: "Program", sourceType: "module", body: [{ type: "ExpressionStatement", expression: innerHtml }] } },
        },
      },
    ],
    children: [],
  };
}

export function rehypeStaticMath() {
  return (tree: Root) => {
    visit(tree, "element", (node: Element, index, parent) => {
      if (!parent || index === undefined || !isFormula(node)) return;
      // KaTeX puts nothing but the class on its outermost element; anything else would be lost here.
      if (Object.keys(node.properties).some((key) => key !== "className")) return;
      parent.children[index] = staticElement(node) as unknown as ElementContent;
      return SKIP;
    });
  };
}
