"use client";

/** Two browsers' edits of the same code differ: both are shown, and the learner keeps one. */
import type { DraftConflict } from "./drafts";

export function DraftChoice({ conflict, resolve }: { conflict: DraftConflict; resolve: (choice: "mine" | "theirs") => void }) {
  return (
    <div className="draft-conflict" role="group" aria-label="Two versions of this code">
      <p>
        <strong>This code was also changed in another browser.</strong> Choose the version to keep; the other is discarded.
      </p>
      <div className="draft-conflict-versions">
        <figure>
          <figcaption>In this browser</figcaption>
          <pre tabIndex={0} aria-label="The version in this browser">{conflict.mine}</pre>
          <button type="button" onClick={() => resolve("mine")}>
            Keep this browser's version
          </button>
        </figure>
        <figure>
          <figcaption>Saved from another browser, {new Date(conflict.theirs.updatedAt).toLocaleString()}</figcaption>
          <pre tabIndex={0} aria-label="The version saved from another browser">{conflict.theirs.code}</pre>
          <button type="button" onClick={() => resolve("theirs")}>
            Use the saved version
          </button>
        </figure>
      </div>
    </div>
  );
}
