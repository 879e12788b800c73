/**
 * Highlighted code with fewer elements and the same look: every character keeps the colours it had
 * (its token's, or the code's default ones, inherited from the pre), in both themes.
 */
import { createHighlighter } from "shiki";
import { expect, test } from "vitest";
import { CodePalette, compactCode } from "@/course/compact-code";

const CODE = "// Twelve coin flips: 1 is heads.\nconst flips = [1, 0, 1, 0];\nfunction nll(p: number): number {\n  return -flips.reduce((s, x) => s + (x === 1 ? Math.log(p) : Math.log(1 - p)), 0);\n}";
const THEMES = { light: "github-light-high-contrast", dark: "github-dark-high-contrast" } as const;

/** Each character of the code with the colours it is drawn in: its nearest span's style, else the pre's. */
function colouredCharacters(html: string): string[] {
  const pre = /<pre[^>]*style="[^"]*?color:([^;"]+);--shiki-dark:([^;"]+)/.exec(html);
  const fallback = `${pre?.[1]}|${pre?.[2]}`.toLowerCase();
  const stack: string[] = [];
  const out: string[] = [];
  for (const [, tag, style, text] of html.replace(/^<pre[^>]*><code>|<\/code><\/pre>$/g, "").matchAll(/(<\/?span)(?: class="line"| style="color:([^;"]+;--shiki-dark:[^;"]+)")?>|([^<]+)/g)) {
    if (tag === "<span") stack.push(style ? style.replace(";--shiki-dark:", "|").toLowerCase() : (stack[stack.length - 1] ?? fallback));
    else if (tag === "</span") stack.pop();
    else for (const character of (text ?? "").replaceAll("&#x3C;", "<").replaceAll("&#x26;", "&")) out.push(`${character} ${stack[stack.length - 1] ?? fallback}`);
  }
  return out;
}

test("highlighted code keeps every character's colours with far fewer spans", async () => {
  const highlighter = await createHighlighter({ themes: [THEMES.light, THEMES.dark], langs: ["typescript"] });
  const plain = highlighter.codeToHtml(CODE, { lang: "typescript", themes: THEMES });
  const compact = highlighter.codeToHtml(CODE, { lang: "typescript", themes: THEMES, transformers: [compactCode()] });
  expect(colouredCharacters(compact)).toEqual(colouredCharacters(plain));
  expect(colouredCharacters(compact).map((entry) => entry[0]).join("")).toBe(CODE);
  const spans = (html: string) => html.match(/<span/g)?.length ?? 0;
  expect(spans(compact)).toBeLessThan(spans(plain) * 0.7);
  // Lines keep their span (one per line).
  expect(compact.match(/<span class="line">/g)).toHaveLength(CODE.split("\n").length);
});

test("with a palette, tokens carry a short class instead of their inline colours, and the page's rules give each the same colours", async () => {
  const highlighter = await createHighlighter({ themes: [THEMES.light, THEMES.dark], langs: ["typescript"] });
  const palette = new CodePalette();
  const compact = highlighter.codeToHtml(CODE, { lang: "typescript", themes: THEMES, transformers: [compactCode()] });
  const classed = highlighter.codeToHtml(CODE, { lang: "typescript", themes: THEMES, transformers: [compactCode({ palette })] });
  expect(classed).not.toMatch(/<span style=/);
  // Resolve each class through the palette's CSS back into the inline style it replaced.
  const rules = new Map([...palette.css().matchAll(/\.shiki \.(k\d+)\{color:([^;]+);--shiki-dark:([^}]+)\}/g)].map(([, name, light, dark]) => [name, `color:${light};--shiki-dark:${dark}`]));
  expect(rules.size).toBeGreaterThan(2);
  const resolved = classed.replace(/<span class="(k\d+)">/g, (_, name: string) => `<span style="${rules.get(name)}">`);
  expect(colouredCharacters(resolved)).toEqual(colouredCharacters(compact));
  expect(classed.length).toBeLessThan(compact.length * 0.75);
});
