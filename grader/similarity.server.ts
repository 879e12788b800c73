/**
 * Pairs of learners whose code for one exercise is suspiciously alike, found with Dolos
 * (`@dodona/dolos-lib`: tree-sitter tokens, winnowed k-gram fingerprints), the starter code ignored so
 * that what every learner was given does not count as shared. Each learner's latest submission is
 * compared. It informs an instructor's look at two pieces of code; it accuses no one.
 */
import "server-only";
import { readFileSync } from "node:fs";
import { Dolos, File } from "@dodona/dolos-lib";
import type { GradingService } from "./service.server";

/** Pairs below this similarity (0..1, Dolos's measure: the share of both files covered by shared fingerprints) are not listed. */
export const DEFAULT_MIN_SIMILARITY = 0.5;

export interface SimilarSide {
  learnerEmail: string;
  learnerName: string;
  submissionId: string;
  code: string;
  /** 1-based, inclusive line ranges that match the other side. */
  lines: { from: number; to: number }[];
}

export interface SimilarPair {
  similarity: number;
  /** The longest run of shared fingerprints. */
  longest: number;
  left: SimilarSide;
  right: SimilarSide;
}

export async function similarPairs(grader: GradingService, exerciseId: string, minSimilarity = DEFAULT_MIN_SIMILARITY): Promise<{ exerciseId: string; compared: number; minSimilarity: number; pairs: SimilarPair[] }> {
  const { exercise } = await grader.load(exerciseId);
  const latest = new Map<string, Awaited<ReturnType<typeof grader.store.forExercise>>[number]>();
  for (const submission of await grader.store.forExercise(exerciseId)) latest.set(submission.learnerEmail, submission);
  const submissions = [...latest.values()].filter((submission) => submission.code.trim() !== "");
  if (submissions.length < 2) return { exerciseId, compared: submissions.length, minSimilarity, pairs: [] };
  const files = submissions.map((submission, i) => new File(`${i}.ts`, submission.code, undefined, i));
  const starter = new File("starter.ts", readFileSync(exercise.files.starter, "utf8"), undefined, files.length);
  const report = await new Dolos({ language: "typescript" }).analyze(files, exerciseId, starter);
  const pairs: SimilarPair[] = [];
  for (const pair of report.allPairs()) {
    // NaN when two files share nothing but starter code.
    if (!(pair.similarity >= minSimilarity)) continue;
    const fragments = pair.buildFragments();
    const side = (path: string, regions: { startRow: number; endRow: number }[]): SimilarSide => {
      const submission = submissions[Number(path.replace(/\.ts$/, ""))]!;
      return {
        learnerEmail: submission.learnerEmail,
        learnerName: submission.learnerName,
        submissionId: submission.id,
        code: submission.code,
        lines: mergeRanges(regions.map((region) => ({ from: region.startRow + 1, to: region.endRow + 1 }))),
      };
    };
    pairs.push({
      similarity: Math.round(pair.similarity * 1000) / 1000,
      longest: pair.longest,
      left: side(pair.leftFile.path, fragments.map((fragment) => fragment.leftSelection)),
      right: side(pair.rightFile.path, fragments.map((fragment) => fragment.rightSelection)),
    });
  }
  pairs.sort((a, b) => b.similarity - a.similarity);
  return { exerciseId, compared: submissions.length, minSimilarity, pairs };
}

function mergeRanges(ranges: { from: number; to: number }[]): { from: number; to: number }[] {
  const sorted = [...ranges].sort((a, b) => a.from - b.from);
  const merged: { from: number; to: number }[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range.from <= last.to + 1) last.to = Math.max(last.to, range.to);
    else merged.push({ ...range });
  }
  return merged;
}
