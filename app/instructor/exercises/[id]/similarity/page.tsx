import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { instructorPage } from "@/grader/instructor-auth.server";
import { getGrader, UnknownExercise } from "@/grader/service.server";
import { type SimilarSide, similarPairs } from "@/grader/similarity.server";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Similar code" };

function Side({ side }: { side: SimilarSide }) {
  const marked = (line: number) => side.lines.some((range) => line >= range.from && line <= range.to);
  return (
    <figure aria-label={`Code of ${side.learnerName}`}>
      <figcaption>
        <Link href={`/instructor/submissions/${side.submissionId}`}>{side.learnerName}</Link> <small>{side.learnerEmail}</small>
      </figcaption>
      <pre className="plain-code">
        {side.code.split("\n").map((text, i) => (
          <div key={i}>{marked(i + 1) ? <mark>{text || " "}</mark> : text || " "}</div>
        ))}
      </pre>
    </figure>
  );
}

/** Pairs of learners whose latest code is alike, side by side, shared fragments marked. */
export default async function SimilarityPage({ params }: { params: Promise<{ id: string }> }) {
  if (!(await instructorPage())) notFound();
  const { id } = await params;
  const result = await similarPairs(await getGrader(), id).catch((error: unknown) => {
    if (error instanceof UnknownExercise) notFound();
    throw error;
  });
  return (
    <article className="lesson">
      <h1>Similar code: {id}</h1>
      <p>
        <Link href={`/instructor/exercises/${id}`}>← Analytics</Link>
      </p>
      <p>
        {result.compared} learners&apos; latest submissions compared with Dolos, the starter code left out; pairs at {Math.round(result.minSimilarity * 100)}% similarity or more.
        Alike code is a reason to look, not a finding: short exercises have few ways to be right.
      </p>
      {result.pairs.length === 0 ? <p>No pair is that alike.</p> : null}
      {result.pairs.map((pair) => (
        <section key={`${pair.left.submissionId}-${pair.right.submissionId}`} aria-label={`${pair.left.learnerName} and ${pair.right.learnerName}`}>
          <h2>
            {pair.left.learnerName} and {pair.right.learnerName}: {Math.round(pair.similarity * 100)}% alike
          </h2>
          <div className="similar-code">
            <Side side={pair.left} />
            <Side side={pair.right} />
          </div>
        </section>
      ))}
    </article>
  );
}
