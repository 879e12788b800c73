"use client";

/**
 * Says plainly when the code shown is the learner's edit rather than the lesson's, whether it is
 * saved to their account, and, when two browsers' edits differ, shows both and lets them choose
 * (DraftChoice, whose code loads only when there is such a conflict).
 */
import { lazy, Suspense } from "react";
import type { DraftConflict } from "./drafts";

const DraftChoice = lazy(() => import("./DraftChoice").then((module) => ({ default: module.DraftChoice })));

export function DraftNotice({ edited, saved, conflict, resolve }: {
  edited: boolean;
  saved: "saved" | "saving" | undefined;
  conflict: DraftConflict | undefined;
  resolve: (choice: "mine" | "theirs") => void;
}) {
  if (conflict) {
    return (
      <Suspense fallback={null}>
        <DraftChoice conflict={conflict} resolve={resolve} />
      </Suspense>
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
