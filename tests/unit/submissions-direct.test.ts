/**
 * POST /api/submissions both ways in: through Next's route handler (as `npm run dev` and the first
 * request after a start serve it) and directly, as server.mjs hands it Node's request and response.
 * The same inputs must get the same answers either way.
 */
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as submitRoute } from "@/app/api/submissions/route";
import { GradingService } from "@/grader/service.server";
import { SESSION_COOKIE, sessionToken } from "@/grader/session.server";
import type { DirectRoutes } from "@/grader/submissions-api.server";

process.env.DESCENT_SESSION_SECRET = "direct-test-secret";

const dataDir = mkdtempSync(join(tmpdir(), "descent-direct-data-"));
const service = await GradingService.open({ dataDir, poolSize: 1 });
const solution = readFileSync(join(process.cwd(), "content", "exercises", "maximum-likelihood", "bernoulli-nll", "solution.ts"), "utf8");
const EMAIL = "ada@example.org";
await service.store.upsertLearner(EMAIL, "Ada");

let server: Server;
let base = "";
beforeAll(async () => {
  (globalThis as { __descentGrader?: Promise<GradingService> }).__descentGrader = Promise.resolve(service);
  // What server.mjs does with a request it finds a direct route for.
  server = createServer((request, response) => {
    const direct = (globalThis as { __descentDirectRoutes?: DirectRoutes }).__descentDirectRoutes?.[`${request.method} ${request.url}`];
    if (direct) void direct(request, response);
    else response.writeHead(404).end("no direct route");
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.close();
  await service.close();
  rmSync(dataDir, { recursive: true, force: true });
});

type Answer = { status: number; body: Record<string, unknown>; replayed: string | null };
type Ask = { body: string; session?: boolean; key?: string };

const headersOf = ({ session = true, key }: Ask): Record<string, string> => ({
  "content-type": "application/json",
  ...(session ? { cookie: `${SESSION_COOKIE}=${sessionToken(EMAIL)}` } : {}),
  ...(key ? { "idempotency-key": key } : {}),
});

async function viaNext(ask: Ask): Promise<Answer> {
  const response = await submitRoute(new NextRequest(`${base}/api/submissions`, { method: "POST", headers: headersOf(ask), body: ask.body }));
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, replayed: response.headers.get("idempotent-replayed") };
}

async function direct(ask: Ask): Promise<Answer> {
  const response = await fetch(`${base}/api/submissions`, { method: "POST", headers: headersOf(ask), body: ask.body });
  expect(response.headers.get("content-type")).toBe("application/json");
  expect(response.headers.get("cache-control")).toBe("no-store, no-transform");
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, replayed: response.headers.get("idempotent-replayed") };
}

describe("POST /api/submissions, through Next and directly", () => {
  const refusals: [string, Ask, number, RegExp][] = [
    ["no session", { body: JSON.stringify({ exerciseId: "bernoulli-nll", code: solution }), session: false }, 401, /^sign in first/],
    ["a body that is not JSON", { body: "{not json" }, 400, /^the body is not JSON: send \{"exerciseId"/],
    ["a missing field", { body: JSON.stringify({ exerciseId: "bernoulli-nll" }) }, 400, /^code: /],
    ["a bad Idempotency-Key", { body: JSON.stringify({ exerciseId: "bernoulli-nll", code: solution }), key: "not\u00a0ascii" }, 400, /Idempotency-Key must be/],
    ["an unknown exercise", { body: JSON.stringify({ exerciseId: "no-such-exercise", code: "export {}" }) }, 404, /no-such-exercise/],
    ["a body over 1 MB", { body: JSON.stringify({ exerciseId: "bernoulli-nll", code: "x".repeat(1_100_000) }) }, 413, /over 1,000,000 bytes: send at most 200,000 characters/],
  ];
  it.each(refusals)("%s gets the same answer either way", async (_, ask, status, message) => {
    const [next, mine] = [await viaNext(ask), await direct(ask)];
    expect(mine).toEqual(next);
    expect(mine.status).toBe(status);
    expect(String(mine.body.error)).toMatch(message);
  });

  it("grades a submission either way, and a retry with the key answers the first one", async () => {
    const body = JSON.stringify({ exerciseId: "bernoulli-nll", code: solution });
    const next = await viaNext({ body, key: "next-key-1" });
    const mine = await direct({ body, key: "direct-key-1" });
    for (const answer of [next, mine]) expect(answer).toMatchObject({ status: 201, body: { status: "graded", score: 13, maxScore: 13 }, replayed: null });
    expect(mine.body.tests).toEqual(next.body.tests);
    // Each way replays what the other stored under its key.
    expect(await direct({ body, key: "next-key-1" })).toMatchObject({ status: 200, body: { id: next.body.id }, replayed: "true" });
    expect(await viaNext({ body, key: "direct-key-1" })).toMatchObject({ status: 200, body: { id: mine.body.id }, replayed: "true" });
    expect((await service.store.forExercise("bernoulli-nll")).filter((s) => s.learnerEmail === EMAIL)).toHaveLength(2);
  });
});
