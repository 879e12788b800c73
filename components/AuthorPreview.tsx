"use client";

/**
 * npm run dev only: under an exercise, its tests against the reference solution and each declared
 * mistake, refreshed every two seconds so the table follows the author's edits.
 */
import { useEffect, useState } from "react";
import { type AuthorPreview as Preview, authorPreviewSchema } from "@/app/api/contract";

const REFRESH_MS = 2_000;

export function AuthorPreview({ id }: { id: string }) {
  const [preview, setPreview] = useState<Preview | undefined>(undefined);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      const response = await fetch(`/api/author/exercises/${encodeURIComponent(id)}/preview`, { cache: "no-store" }).catch(() => undefined);
      const body = response?.ok ? authorPreviewSchema.safeParse(await response.json().catch(() => undefined)).data : undefined;
      if (!stopped && body) setPreview(body);
      if (!stopped) timer = setTimeout(() => void load(), REFRESH_MS);
    };
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [id]);
  if (!preview) return null;
  return (
    <details className="author-preview" open>
      <summary>Author preview (npm run dev only): the tests against the solution and each declared mistake</summary>
      {"error" in preview ? (
        <p role="alert">{preview.error}</p>
      ) : (
        <table aria-label="Author preview">
          <thead>
            <tr>
              <th scope="col">Test</th>
              {preview.columns.map((column) => (
                <th scope="col" key={column.name} title={column.about}>
                  {column.name}
                  {column.asDeclared === undefined ? "" : column.asDeclared ? " (fails as declared)" : " (does NOT fail as declared)"}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(preview.columns[0]?.tests ?? []).map((test, row) => (
              <tr key={test.name}>
                <th scope="row">
                  {test.name}
                  {test.hidden ? " (hidden)" : ""}
                </th>
                {preview.columns.map((column) => {
                  const result = column.tests[row];
                  return <td key={column.name}>{result ? (result.passed ? "✓" : `✗ ${result.message}`) : "–"}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
