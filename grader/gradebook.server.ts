/** The gradebook as CSV (RFC 4180: fields with commas, quotes or newlines are quoted). */
import type { GradebookRow } from "./store.server";

const field = (value: unknown) => {
  const text = value === null || value === undefined ? "" : String(value);
  // A leading = + - @ would be a formula in a spreadsheet: prefix it so names cannot run code there.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

export function gradebookCsv(rows: GradebookRow[]): string {
  const header = ["name", "email", "exercise", "best", "latest", "max_score", "submissions"];
  const lines = rows.map((row) => [row.name, row.email, row.exerciseId, row.best, row.latest, row.maxScore, row.count].map(field).join(","));
  return `${[header.join(","), ...lines].join("\r\n")}\r\n`;
}
