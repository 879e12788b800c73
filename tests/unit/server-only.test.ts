/**
 * Server modules cannot reach the browser: every `*.server.ts` imports `server-only`, and Next's
 * build refuses a client component that imports one. The build test runs `next build` on a one-page
 * app (tests/fixtures/client-imports-server) whose client component imports grader/lti/origin.server.ts.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";

const root = process.cwd();
const fixture = path.join(root, "tests", "fixtures", "client-imports-server");

describe("server-only modules", () => {
  afterAll(() => rmSync(path.join(fixture, ".next"), { recursive: true, force: true }));

  test("every *.server.ts module imports server-only before anything else", () => {
    const files = execFileSync("git", ["ls-files", "*.server.ts", "*.server.tsx"], { cwd: root, encoding: "utf8" }).split("\n").filter(Boolean);
    expect(files.length).toBeGreaterThan(30);
    const unguarded = files.filter((file) => {
      const firstImport = readFileSync(path.join(root, file), "utf8").split("\n").find((line) => line.startsWith("import "));
      return firstImport !== 'import "server-only";';
    });
    expect(unguarded).toEqual([]);
  });

  test("next build fails when a client component imports a .server.ts module, and names it", { timeout: 600_000 }, () => {
    const build = spawnSync(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build", fixture], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    const output = `${build.stdout}\n${build.stderr}`;
    expect(build.status, output).not.toBe(0);
    expect(output).toMatch(/'server-only' cannot be imported from a Client Component module/);
    expect(output).toContain("origin.server.ts");
  });
});
