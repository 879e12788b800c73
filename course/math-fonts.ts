/**
 * The KaTeX fonts a lesson's math is drawn with, found at build time, so that the page asks for them
 * all as soon as its style sheets are in. Left to itself the browser finds a font only when it lays
 * out the first formula that needs it: on a long lesson, in three or four waves, each of which lays
 * out every formula again when it arrives (KaTeX's faces are `font-display: block`).
 *
 * Which classes are drawn in which face is KaTeX's own style sheet's business; it is read from there
 * (with PostCSS), not written down a second time here.
 */
import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import postcss from "postcss";

/** One of KaTeX's rules that picks a face: the classes of each of its selectors (besides `katex`) and the face, as a CSS `font`. */
interface FaceRule {
  selectors: string[][];
  font: string;
}

const FAMILY = /KaTeX_[A-Za-z0-9]+/;

function faceRules(css: string): FaceRule[] {
  const rules: FaceRule[] = [];
  postcss.parse(css).walkRules((rule) => {
    let family: string | undefined;
    let style = "normal";
    let weight = "normal";
    rule.each((node) => {
      if (node.type !== "decl") return;
      const value = node.value;
      if (node.prop === "font" || node.prop === "font-family") {
        family = FAMILY.exec(value)?.[0] ?? family;
        if (node.prop === "font" && /\bitalic\b/.test(value)) style = "italic";
        if (node.prop === "font" && /\b(bold|700)\b/.test(value)) weight = "700";
      }
      if (node.prop === "font-style") style = value;
      if (node.prop === "font-weight") weight = value === "bold" ? "700" : value;
    });
    if (!family) return;
    const selectors = rule.selectors.map((selector) => [...selector.matchAll(/\.([\w-]+)/g)].flatMap(([, name]) => (name && name !== "katex" ? [name] : [])));
    rules.push({ selectors, font: `${style} ${weight} 1em ${family}` });
  });
  return rules;
}

let rules: FaceRule[] | undefined;
function katexFaceRules(): FaceRule[] {
  // Read at run time (as the lessons are), not bundled: the bundler would take the CSS for an import.
  rules ??= faceRules(readFileSync(/*turbopackIgnore: true*/ path.join(process.cwd(), "node_modules", "katex", "dist", "katex.min.css"), "utf8"));
  return rules;
}

/**
 * The faces (as CSS `font` values, for `document.fonts.load`) that the KaTeX markup in `markup` (HTML,
 * or compiled MDX holding it in strings) is drawn with: those of every rule all of whose classes occur
 * in it. None without math.
 */
export function mathFonts(markup: string): string[] {
  const classes = new Set<string>();
  for (const [, list = ""] of markup.matchAll(/class(?:Name)?(?:=|: ?)\\?"([^"\\]*)/g)) for (const name of list.split(/\s+/)) if (name) classes.add(name);
  if (!classes.has("katex")) return [];
  const fonts = new Set<string>();
  for (const rule of katexFaceRules()) {
    if (rule.selectors.some((selector) => selector.every((name) => classes.has(name)))) fonts.add(rule.font);
  }
  return [...fonts].sort();
}

/**
 * An inline script for the page, before its math: it runs once the style sheets (and so KaTeX's
 * `@font-face` rules) are in, and starts loading every face at once.
 */
export function mathFontsScript(fonts: readonly string[]): string {
  return `try{for(const f of ${JSON.stringify(fonts)})document.fonts.load(f).catch(()=>{})}catch(e){}`;
}
