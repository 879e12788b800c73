/** The gradebook as CSV (RFC 4180: fields with commas, quotes or newlines are quoted). */
import "server-only";
import type { GradebookEntry } from "./service.server";

const field = (value: unknown) => {
  const text = value === null || value === undefined ? "" : String(value);
  // A leading = + - @ would be a formula in a spreadsheet: prefix it so names cannot run code there.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** Scores count reviews by hand; `reviewed` says how many of the row's submissions were reviewed, `how` how `effective` came about. */
export function gradebookCsv(rows: GradebookEntry[]): string {
  const header = ["name", "email", "exercise", "best", "latest", "max_score", "submissions", "reviewed", "effective", "how"];
  const lines = rows.map((row) =>
    [row.name, row.email, row.exerciseId, row.best, row.latest, row.maxScore, row.count, row.reviewed, row.effective?.score, row.effective?.steps.join("; ")].map(field).join(","),
  );
  return `${[header.join(","), ...lines].join("\r\n")}\r\n`;
}
