import { NextResponse } from "next/server";
import { getGrader } from "@/grader/service.server";

export const dynamic = "force-dynamic";

/** GET /api/exercises: [{id, lesson, title, maxScore}]. */
export async function GET() {
  const grader = await getGrader();
  const list = await Promise.all(
    grader.exerciseList().map(async (exercise) => ({
      id: exercise.id,
      lesson: exercise.lesson,
      title: exercise.meta.title,
      maxScore: (await grader.load(exercise.id)).maxScore,
    })),
  );
  return NextResponse.json(list, { headers: { "cache-control": "no-store" } });
}
