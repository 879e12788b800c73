/**
 * A lesson's outline, read from its MDX source: its `##` sections in order, with the anchor the page
 * gives each heading (the same GitHub slugs rehype-slug makes), the authored cells (by their 1-based
 * index, as remark-cells numbers them) and the exercises each section holds, and its prose as plain
 * text for the search index. Progress counts a section done when all its cells ran and its
 * exercises passed.
 */
import GithubSlugger from "github-slugger";

export interface LessonSection {
  id: string;
  title: string;
  cells: number[];
  exercises: string[];
  /** The section's prose without code, math or markup: what search matches. */
  text: string;
}

const FENCE = /^\s*(`{3,}|~{3,})/;

export function lessonOutline(source: string): LessonSection[] {
  const body = source.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, "");
  const slugger = new GithubSlugger();
  const sections: LessonSection[] = [];
  let current: LessonSection | undefined;
  let fence: string | undefined;
  let cell = 0;
  let prose: string[] = [];
  const close = () => {
    if (current) current.text = plainText(prose.join("\n"));
    prose = [];
  };
  for (const line of body.split(/\r?\n/)) {
    const marker = FENCE.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      continue;
    }
    if (marker) {
      fence = marker;
      continue;
    }
    const heading = /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading?.[1]) {
      close();
      current = { id: slugger.slug(heading[1]), title: heading[1], cells: [], exercises: [], text: "" };
      sections.push(current);
      continue;
    }
    if (/^\s*<Cell[\s>]/.test(line)) {
      cell += 1;
      current?.cells.push(cell);
      continue;
    }
    const exercise = /<Exercise\s+id="([^"]+)"/.exec(line);
    if (exercise?.[1]) {
      current?.exercises.push(exercise[1]);
      continue;
    }
    prose.push(line);
  }
  close();
  return sections;
}

/** Markdown to words: drops math, JSX tags, link targets and emphasis marks. */
function plainText(markdown: string): string {
  return markdown
    .replace(/\$\$[\s\S]*?\$\$/g, " ")
    .replace(/\$[^$\n]*\$/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[`*_#>|]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}
