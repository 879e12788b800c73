"use client";

/**
 * Search over lessons, sections and exercises, offline: the index (MiniSearch, built at build time
 * as /search-index.json) and the library load only when the learner first focuses the box, so a
 * page that is never searched pays nothing for it. Results link to the section; the count is
 * announced to screen readers.
 */
import type MiniSearch from "minisearch";
import { useId, useRef, useState } from "react";
import { SEARCH_OPTIONS, type SearchDocument } from "./search-options";
import { LessonLink } from "@/components/LessonLink";

interface Hit {
  id: string;
  kind: SearchDocument["kind"];
  lesson: string;
  title: string;
}

let index: Promise<MiniSearch<SearchDocument>> | undefined;
function loadIndex(): Promise<MiniSearch<SearchDocument>> {
  index ??= (async () => {
    const [{ default: MiniSearchClass }, response] = await Promise.all([import("minisearch"), fetch("/search-index.json")]);
    if (!response.ok) throw new Error(`the search index did not load (${response.status})`);
    return MiniSearchClass.loadJSON<SearchDocument>(await response.text(), SEARCH_OPTIONS);
  })();
  index.catch(() => {
    index = undefined;
  });
  return index;
}

const KIND: Record<SearchDocument["kind"], string> = { lesson: "Lesson", section: "Section", exercise: "Exercise" };

export function SearchBox() {
  const [query, setQuery] = useState("");
  const [hits, setHits] = useState<Hit[] | undefined>(undefined);
  const [failure, setFailure] = useState<string>();
  const latest = useRef(0);
  const listId = useId();

  const search = async (text: string) => {
    setQuery(text);
    const version = ++latest.current;
    if (!text.trim()) {
      setHits(undefined);
      return;
    }
    try {
      const found = (await loadIndex()).search(text).slice(0, 8);
      // A slower, older search must not replace a newer one's results.
      if (version !== latest.current) return;
      setFailure(undefined);
      setHits(found.map((hit) => ({ id: String(hit.id), kind: hit.kind as Hit["kind"], lesson: String(hit.lesson), title: String(hit.title) })));
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    }
  };

  const close = () => {
    setQuery("");
    setHits(undefined);
  };

  return (
    <div role="search" className="site-search">
      <label htmlFor={`${listId}-input`} className="visually-hidden">
        Search the course
      </label>
      <input
        id={`${listId}-input`}
        type="search"
        placeholder="Search the course"
        value={query}
        autoComplete="off"
        aria-controls={hits ? listId : undefined}
        onFocus={() => void loadIndex().catch(() => undefined)}
        onChange={(event) => void search(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape") close();
        }}
      />
      {/* A live region, not role=status: a page's own status (the instructor's, the kernel's) stays the only one. */}
      <p aria-live="polite" className="visually-hidden search-count">
        {failure ?? (hits ? `${hits.length} result${hits.length === 1 ? "" : "s"}` : "")}
      </p>
      {hits ? (
        <ul id={listId} className="search-results" aria-label="Search results">
          {hits.length === 0 ? <li className="search-empty">Nothing found for “{query}”.</li> : null}
          {hits.map((hit) => (
            <li key={hit.id}>
              <LessonLink href={hit.id} onClick={close}>
                <span className="search-kind">{KIND[hit.kind]}</span> {hit.title}
                {hit.kind !== "lesson" ? <span className="search-lesson"> · {hit.lesson}</span> : null}
              </LessonLink>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
