/**
 * The search index's shape, shared by the build (app/search-index.json/route.ts) and the search box,
 * which must load the index with the same options it was made with.
 */
export interface SearchDocument {
  /** Where the result goes: `/lessons/<slug>#<section or exercise-id>`. */
  id: string;
  kind: "lesson" | "section" | "exercise";
  lesson: string;
  title: string;
  text: string;
}

export const SEARCH_OPTIONS = {
  fields: ["title", "lesson", "text"],
  storeFields: ["kind", "lesson", "title"],
  searchOptions: { boost: { title: 3, lesson: 1.5 }, prefix: true, fuzzy: 0.2 },
};
