import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";

/**
 * File fixtures for compilers: each `input/NAME.EXT` must compile to `output/NAME.OUT`. A missing
 * output is written on a developer's machine (review it, then commit it) but fails under CI.
 */
export function fixtureTests(dir: string, outExt: string, compile: (source: string, file: string) => string | Promise<string>) {
  const inputDir = path.join(dir, "input");
  const outputDir = path.join(dir, "output");
  for (const name of readdirSync(inputDir).sort()) {
    test(`fixture ${name}`, async () => {
      const file = path.join(inputDir, name);
      const actual = await compile(readFileSync(file, "utf8"), file);
      const expectedFile = path.join(outputDir, name.replace(/\.[^.]+$/, outExt));
      if (!existsSync(expectedFile)) {
        if (process.env.CI) throw new Error(`${expectedFile} is missing: run the tests locally to write it, review it, commit it`);
        mkdirSync(outputDir, { recursive: true });
        writeFileSync(expectedFile, actual);
      }
      const expected = readFileSync(expectedFile, "utf8");
      // Leave the actual output beside the fixture, to diff when it differs.
      if (actual !== expected && !process.env.CI) writeFileSync(`${expectedFile}.actual`, actual);
      expect(actual).toBe(expected);
    });
  }
}
