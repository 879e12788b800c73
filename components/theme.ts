"use client";

/**
 * Light or dark. The page follows the system setting until the learner picks one with the toggle;
 * the pick is remembered (localStorage). An inline script in <head> (themeScript) sets
 * `<html data-theme>` before the first paint, so nothing flashes; everything else (CSS, code
 * highlighting, Monaco, Plotly) reads that attribute.
 */
import { useSyncExternalStore } from "react";

export type Theme = "light" | "dark";
export const THEME_KEY = "descent:theme";

/** Runs before the page paints: the stored choice, else the system's, and follows the system while no choice is stored. */
export const themeScript = `(() => {
  const media = matchMedia("(prefers-color-scheme: dark)");
  const apply = () => {
    let stored = null;
    try { stored = localStorage.getItem(${JSON.stringify(THEME_KEY)}); } catch {}
    document.documentElement.dataset.theme = stored === "dark" || stored === "light" ? stored : media.matches ? "dark" : "light";
  };
  apply();
  media.addEventListener("change", apply);
})();`;

export function currentTheme(): Theme {
  return document.documentElement.dataset.theme === "dark" ? "dark" : "light";
}

export function chooseTheme(theme: Theme) {
  try {
    localStorage.setItem(THEME_KEY, theme);
  } catch {
    // Without storage the choice lasts for this page.
  }
  document.documentElement.dataset.theme = theme;
}

function subscribe(listener: () => void) {
  const observer = new MutationObserver(listener);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  return () => observer.disconnect();
}

/** The theme showing now; "light" while rendering on the server. */
export function useTheme(): Theme {
  return useSyncExternalStore(subscribe, currentTheme, () => "light");
}
