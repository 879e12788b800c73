"use client";

import { chooseTheme, useTheme } from "./theme";

/** A switch in the header: dark mode on or off; the choice is remembered in this browser. */
export function ThemeToggle() {
  const theme = useTheme();
  const dark = theme === "dark";
  return (
    <button type="button" className="theme-toggle" aria-pressed={dark} onClick={() => chooseTheme(dark ? "light" : "dark")}>
      <span aria-hidden="true">{dark ? "☾" : "☀"}</span> Dark mode
    </button>
  );
}
