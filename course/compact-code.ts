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

/**
 * The token colours a page's code uses, each pair (light, dark) as a short class: a token's inline
 * style (`color:#a0111f;--shiki-dark:#ff9492`, ~40 bytes, written again in the RSC payload) becomes
 * `class="k3"`, and elements with the same class can share their computed style, which elements
 * with inline styles cannot. `css()` is the page's rules for them (the dark theme reads
 * `--shiki-dark`, as before).
 */
export class CodePalette {
  private readonly classes = new Map<string, string>();

  classFor(pair: string): string {
    let name = this.classes.get(pair);
    if (name === undefined) {
      name = `k${this.classes.size}`;
      this.classes.set(pair, name);
    }
    return name;
  }

  css(): string {
    return [...this.classes]
      .map(([pair, name]) => {
        const [light = "", dark = ""] = pair.split("|");
        return `.shiki .${name}{color:${light};--shiki-dark:${dark}}`;
      })
      .join("");
  }
}

function paletteLine(line: Element, palette: CodePalette) {
  for (const node of line.children) {
    if (!isToken(node)) continue;
    const pair = colours(node);
    if (pair === undefined) continue;
    node.properties = { className: [palette.classFor(pair)] };
  }
}

export function compactCode({ palette }: { palette?: CodePalette } = {}): ShikiTransformer {
  return {
    name: "descent:compact-code",
    pre(pre) {
      const inherited = colours(pre);
      const code = pre.children.find((child): child is Element => child.type === "element" && child.tagName === "code");
      if (!inherited || !code) return;
      for (const line of code.children) {
        if (line.type === "element" && line.tagName === "span") {
          compactLine(line, inherited);
          if (palette) paletteLine(line, palette);
        }
      }
    },
  };
}
