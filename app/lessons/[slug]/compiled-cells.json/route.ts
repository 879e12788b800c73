import { compileLessonCells, listLessons } from "@/course/lessons.server";

/**
 * A lesson's cells, compiled at build time for the kernel (engine/compiler.ts): the lesson's first
 * runs need no transpiler in the browser.
 */
export const dynamic = "force-static";
export const dynamicParams = false;

export async function generateStaticParams() {
  return (await listLessons()).map(({ slug }) => ({ slug }));
}

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return new Response(JSON.stringify({ cells: await compileLessonCells(slug) }), { headers: { "content-type": "application/json" } });
}
