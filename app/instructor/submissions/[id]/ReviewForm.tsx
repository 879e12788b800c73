"use client";

/** The review by hand: rubric lines (points up or down, each with a comment) and an overall comment. */
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiErrorSchema, type Review } from "@/app/api/contract";

type Line = { points: string; comment: string };

export function ReviewForm({ submissionId, review }: { submissionId: string; review: Review | undefined }) {
  const router = useRouter();
  const [lines, setLines] = useState<Line[]>(review?.lines.map((line) => ({ points: String(line.points), comment: line.comment })) ?? [{ points: "0", comment: "" }]);
  const [comment, setComment] = useState(review?.comment ?? "");
  const [status, setStatus] = useState<string>("");
  const update = (index: number, patch: Partial<Line>) => setLines((previous) => previous.map((line, i) => (i === index ? { ...line, ...patch } : line)));

  const save = async () => {
    setStatus("Saving…");
    const response = await fetch(`/api/instructor/submissions/${encodeURIComponent(submissionId)}/review`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ lines: lines.filter((line) => line.comment.trim() !== "").map((line) => ({ points: Number(line.points), comment: line.comment })), comment }),
    }).catch(() => undefined);
    if (!response?.ok) {
      const body = apiErrorSchema.safeParse(await response?.json().catch(() => undefined)).data;
      setStatus(`Not saved: ${body?.error ?? "the server could not be reached"}`);
      return;
    }
    setStatus("Review saved.");
    router.refresh();
  };

  return (
    <form
      aria-label="Review"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      {lines.map((line, index) => (
        <fieldset key={index}>
          <legend>Rubric line {index + 1}</legend>
          <label>
            Points <input type="number" step="any" value={line.points} onChange={(event) => update(index, { points: event.target.value })} />
          </label>{" "}
          <label>
            Comment <input type="text" value={line.comment} onChange={(event) => update(index, { comment: event.target.value })} />
          </label>
        </fieldset>
      ))}
      <button type="button" onClick={() => setLines((previous) => [...previous, { points: "0", comment: "" }])}>
        Add a rubric line
      </button>
      <p>
        <label>
          Overall comment <textarea value={comment} onChange={(event) => setComment(event.target.value)} rows={3} cols={60} />
        </label>
      </p>
      <button type="submit">Save review</button> <span role="status">{status}</span>
    </form>
  );
}
