"use client";

/**
 * A block of server-rendered prose that the browser keeps as the server wrote it: rendered to HTML on
 * the server with its content, hydrated with none (React leaves the content of an element with
 * `dangerouslySetInnerHTML` alone while it hydrates, and sets it again only when the string changes),
 * so hydration costs one element per block. A block that mounts in the browser without server HTML
 * (a client-side navigation) fetches its lesson's page and takes its content from there.
 */
import { createElement, useLayoutEffect, useRef, useState } from "react";
import { useNotebookLesson } from "./Notebook";
import { contentFromPage, STATIC_KEY_ATTRIBUTE, takeStaticHtml } from "./static-html";

export interface StaticBlockProps {
  tag: string;
  /** The block's key: a hash of its tag and content. */
  k: string;
  id?: string;
  className?: string;
}

export function StaticBlock({ tag, k, id, className }: StaticBlockProps) {
  const element = useRef<HTMLElement>(null);
  const lesson = useNotebookLesson();
  const [html, setHtml] = useState(() => (typeof window === "undefined" ? takeStaticHtml(k) : undefined) ?? "");
  useLayoutEffect(() => {
    const block = element.current;
    if (!block || block.hasChildNodes()) return;
    let current = true;
    void contentFromPage(lesson, k).then((found) => {
      if (current && found !== undefined) setHtml(found);
    });
    return () => {
      current = false;
    };
  }, [k, lesson]);
  return createElement(tag, {
    ref: element,
    id,
    className,
    [STATIC_KEY_ATTRIBUTE]: k,
    // What the server wrote differs from the empty string the browser hydrates with, on purpose.
    suppressHydrationWarning: true,
    dangerouslySetInnerHTML: { __html: html },
  });
}
