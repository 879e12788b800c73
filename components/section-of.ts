/** The `##` section an element of a lesson sits in: the id of the nearest heading before it on the page. */
export function sectionOf(element: Element | null): string | undefined {
  for (let node = element?.previousElementSibling; node; node = node.previousElementSibling) {
    if (node.tagName === "H2" && node.id) return node.id;
  }
  return undefined;
}

/** The fragment that names an exercise on its lesson's page (`/lessons/<slug>#<anchor>`): prefixed, so no section heading's id can take it. */
export const exerciseAnchor = (id: string) => `exercise-${id}`;
