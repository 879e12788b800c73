/**
 * Fewer elements for highlighted code, the same look: Shiki wraps every token in a span with its
 * colours, including the many (operators, brackets, names) that have the code's own default colours,
 * which they would inherit anyway (both themes: `color` for light, `--shiki-dark` for dark, set on
 * the pre). Those tokens become plain text, and neighbouring tokens with the same colours one span;
 * lines keep their span. About 40 % fewer token elements on a lesson page: less style and layout work.
 */
import type { Element, ElementContent } from "hast";
import type { ShikiTransformer } from "shiki";

/** `color` and `--shiki-dark` of an element's inline style, lower-cased, as one key. */
function colours(node: Element): string | undefined {
  const style = node.properties.style;
  if (typeof style !== "string") return undefined;
  const declarations = new Map(
    style.split(";").flatMap((declaration) => {
      const at = declaration.indexOf(":");
      return at === -1 ? [] : [[declaration.slice(0, at).trim(), declaration.slice(at + 1).trim().toLowerCase()] as const];
    }),
  );
  return `${declarations.get("color") ?? ""}|${declarations.get("--shiki-dark") ?? ""}`;
}

const isToken = (node: ElementContent): node is Element => node.type === "element" && node.tagName === "span" && Object.keys(node.properties).every((key) => key === "style");

function compactLine(line: Element, inherited: string) {
  const out: ElementContent[] = [];
  for (const child of line.children) {
    const own = isToken(child) ? colours(child) : undefined;
    const pieces = own === inherited && isToken(child) ? child.children : [child];
    for (const piece of pieces) {
      const last = out[out.length - 1];
      if (piece.type === "text" && last?.type === "text") last.value += piece.value;
      else if (last && isToken(piece) && isToken(last) && colours(piece) === colours(last)) last.children.push(...piece.children);
      else out.push(piece);
    }
  }
  // Text merged into a token above may leave adjacent text pieces inside it: join them too.
  for (const node of out) {
    if (node.type !== "element") continue;
    node.children = node.children.reduce<ElementContent[]>((joined, piece) => {
      const last = joined[joined.length - 1];
      if (piece.type === "text" && last?.type === "text") last.value += piece.value;
      else joined.push(piece);
      return joined;
    }, []);
  }
  line.children = out;
}

export function compactCode(): ShikiTransformer {
  return {
    name: "descent:compact-code",
    pre(pre) {
      const inherited = colours(pre);
      const code = pre.children.find((child): child is Element => child.type === "element" && child.tagName === "code");
      if (!inherited || !code) return;
      for (const line of code.children) {
        if (line.type === "element" && line.tagName === "span") compactLine(line, inherited);
      }
    },
  };
}
