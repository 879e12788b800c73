"use client";

/**
 * Says plainly when the code shown is the learner's edit rather than the lesson's, whether it is
 * saved to their account, and, when two browsers' edits differ, shows both and lets them choose.
 */
import type { DraftConflict } from "./drafts";

export function DraftNotice({ edited, saved, conflict, resolve }: {
  edited: boolean;
  saved: "saved" | "saving" | undefined;
  conflict: DraftConflict | undefined;
  resolve: (choice: "mine" | "theirs") => void;
}) {
  if (conflict) {
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
  if (!edited) return null;
  return (
    <p className="draft-note" role="note">
      You are seeing your edited code, not the lesson's{saved === "saved" ? " (saved to your account)" : saved === "saving" ? " (saving…)" : ""}.
      Reset code puts the lesson's code back.
    </p>
  );
}
