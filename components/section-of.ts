/** The `##` section an element of a lesson sits in: the id of the nearest heading before it on the page. */
export function sectionOf(element: Element | null): string | undefined {
  for (let node = element?.previousElementSibling; node; node = node.previousElementSibling) {
    if (node.tagName === "H2" && node.id) return node.id;
  }
  return undefined;
}
