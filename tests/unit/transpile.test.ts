import path from "node:path";
import { describe, expect, test } from "vitest";
import { CellSyntaxError, transpileCell } from "../../engine/transpile";
import { fixtureTests } from "./fixtures";

describe("cell transpiler fixtures", () => {
  fixtureTests(path.join(__dirname, "../fixtures/transpile"), ".js", (source, file) =>
    transpileCell(source, path.basename(file, ".ts")).js,
  );
});

describe("cell transpiler", () => {
  test("reports the names a cell defines", () => {
    const { declared } = transpileCell("const { a, b: [c, ...d] } = x;\nlet e; function f() {}\nclass G {}", "cell-1");
    expect(declared).toEqual(["a", "c", "d", "e", "f", "G"]);
  });

  test("does not treat nested declarations as top-level", () => {
    const { declared } = transpileCell("for (let i = 0; i < 2; i++) { const inner = i; }\nfunction f() { const local = 1; }", "cell-1");
    expect(declared).toEqual(["f"]);
  });

  test("a type error in the syntax points at the cell's line and column", () => {
    try {
      transpileCell("const a = 1;\nconst b: number = ;", "cell-1");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CellSyntaxError);
      expect(error).toMatchObject({ line: 2, column: 19 });
    }
  });

  test("dynamic import is refused", () => {
    expect(() => transpileCell('await import("https://example.com/x.js")', "cell-1")).toThrow(/cannot import modules/);
  });
});
