/**
 * The cell transpiler as a separate script, loaded into the kernel worker on first need (worker.ts
 * loadCompiler); handed back on a private global that the worker removes at once.
 */
import type { Compiler } from "./compiler";
import { CellSyntaxError, mapPosition, transpileCell } from "./transpile";

const compiler: Compiler = { transpileCell, mapPosition, CellSyntaxError };
Object.defineProperty(self, "__descentCompiler", { value: compiler, configurable: true });
