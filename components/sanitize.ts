/**
 * HTML from cells (display.html, display.markdown) is sanitized before it reaches the page:
 * no scripts, no event handlers, and nothing that loads from another host.
 */
import DOMPurify from "dompurify";
import { marked } from "marked";

const URL_ATTRIBUTES = new Set(["src", "href", "srcset", "xlink:href", "action", "formaction", "poster", "background"]);

let configured = false;
function purifier() {
  if (!configured) {
    DOMPurify.addHook("uponSanitizeAttribute", (_node, data) => {
      if (!URL_ATTRIBUTES.has(data.attrName)) return;
      const value = data.attrValue.trim();
      const local = value.startsWith("#") || (value.startsWith("/") && !value.startsWith("//")) || value.startsWith("data:image/");
      if (!local) data.keepAttr = false;
    });
    configured = true;
  }
  return DOMPurify;
}

export function sanitizeHtml(html: string): string {
  return purifier().sanitize(html, { FORBID_TAGS: ["style", "link", "iframe", "object", "embed", "form", "base", "meta"] });
}

export function renderMarkdown(markdown: string): string {
  return sanitizeHtml(marked.parse(markdown, { async: false }));
}
