/**
 * Turns each `<Cell>` in a lesson into `<Cell code="…" html="…" index={n}>`: the code as written,
 * highlighted HTML made at build time (so code shows, and runs, before any editor loads), and its
 * position on the page.
 */
import type { Root } from "mdast";
import type { MdxJsxFlowElement } from "mdast-util-mdx-jsx";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";
import { cellCode } from "./lesson";

export interface RemarkCellsOptions {
  highlight: (code: string) => string;
}

export function remarkCells({ highlight }: RemarkCellsOptions) {
  return (tree: Root, file: VFile) => {
    let index = 0;
    visit(tree, "mdxJsxFlowElement", (node: MdxJsxFlowElement) => {
      if (node.name !== "Cell") return;
      const value = cellCode(node, file.path);
      index += 1;
      node.attributes.push(
        { type: "mdxJsxAttribute", name: "code", value },
        { type: "mdxJsxAttribute", name: "html", value: highlight(value) },
        {
          type: "mdxJsxAttribute",
          name: "index",
          value: {
            type: "mdxJsxAttributeValueExpression",
            value: String(index),
            data: {
              estree: {
                type: "Program",
                sourceType: "module",
                body: [{ type: "ExpressionStatement", expression: { type: "Literal", value: index, raw: String(index) } }],
              },
            },
          },
        },
      );
      node.children = [];
    });
  };
}
