import { NextResponse } from "next/server";
import { SMALL_JSON_HEADERS } from "@/grader/http.server";
import { getGrader } from "@/grader/service.server";

export const dynamic = "force-dynamic";

/**
 * GET /api/health: 200 with the grading mode, queue depth and live workers when the database
 * answers; 503 with the reason when it does not (for a load balancer or a process manager).
 */
export async function GET() {
  const headers = SMALL_JSON_HEADERS;
  try {
    const grader = await getGrader();
    await grader.store.ping();
    const ops = await grader.operations();
    return NextResponse.json(
      {
        ok: true,
        mode: ops.mode,
        database: grader.store.kind,
        queue: { queued: ops.queued, running: ops.running, oldestQueuedAt: ops.oldestQueuedAt },
        workers: { alive: ops.workers.filter((w) => w.alive).length, sandboxProcesses: ops.sandboxProcesses },
      },
      { headers },
    );
  } catch (error) {
    return NextResponse.json({ ok: false, error: `the database did not answer: ${(error as Error).message}` }, { status: 503, headers });
  }
}
