/**
 * Where a lesson's static blocks (course/rehype-static-prose.ts) leave their HTML for the server's
 * HTML render: the server component puts a block's HTML here and renders the client component with
 * only its key, and the client component, rendered to HTML in the same process right after, takes
 * it from here. So the HTML is in the page once and not in the RSC payload. One map for the process
 * (the two renders load this module apart), keyed by a hash of the content, so any request may read
 * what another put; bounded, since an author's preview makes new blocks.
 */
const LIMIT = 20_000;

const blocks: Map<string, string> = ((globalThis as { [key: symbol]: Map<string, string> | undefined })[Symbol.for("descent.static-html")] ??= new Map());

export function putStaticHtml(key: string, html: string): void {
  if (blocks.has(key)) return;
  if (blocks.size >= LIMIT) blocks.delete(blocks.keys().next().value as string);
  blocks.set(key, html);
}

export function takeStaticHtml(key: string): string | undefined {
  return blocks.get(key);
}

/** The attribute that names a static block in the page, for a block that mounts without its HTML. */
export const STATIC_KEY_ATTRIBUTE = "data-static";

const pages = new Map<string, Promise<Document | undefined>>();

/**
 * A static block's HTML as its lesson's page has it: for a block that mounted without it (a client-side
 * navigation). `lesson` is the notebook's (useNotebookLesson); without one, the page at this address.
 */
export async function contentFromPage(lesson: string | undefined, key: string): Promise<string | undefined> {
  const path = lesson ? `/lessons/${encodeURIComponent(lesson)}` : window.location.pathname;
  let page = pages.get(path);
  if (!page) {
    page = fetch(path, { headers: { accept: "text/html" } })
      .then(async (response) => (response.ok ? new DOMParser().parseFromString(await response.text(), "text/html") : undefined))
      .catch(() => undefined);
    pages.set(path, page);
  }
  return (await page)?.querySelector(`[${STATIC_KEY_ATTRIBUTE}="${CSS.escape(key)}"]`)?.innerHTML;
}

const read = new Map<string, string>();

/**
 * A static block's HTML in the browser, as this page's HTML has it: read from the document the first
 * time (while React hydrates it) and kept, for a component that remounts it later (Reset code).
 * Undefined when the page has no such block (a client-side navigation).
 */
export function staticHtmlInPage(key: string): string | undefined {
  const known = read.get(key);
  if (known !== undefined) return known;
  const html = document.querySelector(`[${STATIC_KEY_ATTRIBUTE}="${CSS.escape(key)}"]`)?.innerHTML;
  if (!html) return undefined;
  read.set(key, html);
  return html;
}
