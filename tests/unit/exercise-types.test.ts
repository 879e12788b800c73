/**
 * `npm run typecheck` covers exercise code: learners' code (starters, solutions, mistakes) against the
 * editor's declarations (engine/tsconfig.learner-code.json), tests with the project's settings.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { expect, test } from "vitest";
import { listExercises } from "@/course/exercises.server";

const root = process.cwd();

function configFiles(config: string): ts.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(root, config), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (diagnostic) => { throw new Error(String(diagnostic.messageText)); } });
  if (!parsed) throw new Error(`${config} could not be read`);
  return parsed;
}

const exercises = listExercises();
const learnerCode = exercises.flatMap((exercise) => [
  exercise.files.starter,
  exercise.files.solution,
  ...exercise.meta.mistakes.map((mistake) => path.join(exercise.dir, "mistakes", mistake.file)),
]);
const testCode = exercises.flatMap((exercise) => [exercise.files.visible, ...(exercise.files.hidden ? [exercise.files.hidden] : [])]);

test("every starter, solution and mistake is checked against the editor's declarations, and every tests file with the project", () => {
  expect(exercises.length).toBeGreaterThan(0);
  const learner = new Set(configFiles("engine/tsconfig.learner-code.json").fileNames.map((file) => path.resolve(file)));
  const project = new Set(configFiles("tsconfig.json").fileNames.map((file) => path.resolve(file)));
  expect(learnerCode.filter((file) => !learner.has(file))).toEqual([]);
  expect(testCode.filter((file) => !project.has(file))).toEqual([]);
  // Learner code is not checked with the DOM or Node around it: only the project checks tests.
  expect(learnerCode.filter((file) => project.has(file))).toEqual([]);
  // Mistake files the yaml does not declare are checked too.
  const undeclared = exercises.flatMap((exercise) =>
    readdirSync(path.join(exercise.dir, "mistakes"), { withFileTypes: true }).flatMap((entry) => (entry.isFile() ? [path.join(exercise.dir, "mistakes", entry.name)] : [])),
  );
  expect(undeclared.filter((file) => !learner.has(file))).toEqual([]);
});

test("a type error in a starter is reported, as the editor reports it", () => {
  const { options, fileNames } = configFiles("engine/tsconfig.learner-code.json");
  const starter = path.join(root, "content", "exercises", "x", "y", "starter.ts");
  const declarations = fileNames.filter((file) => !file.includes(`${path.sep}content${path.sep}`));
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  const code = "function f(): number {\n  return tf.scalar(1);\n}\nconst plain = 2;\n";
  host.getSourceFile = (file, language) => (file === starter ? ts.createSourceFile(file, code, language) : getSourceFile(file, language));
  const program = ts.createProgram([...declarations, starter], options, host);
  const errors = ts.getPreEmitDiagnostics(program, program.getSourceFile(starter)).map((diagnostic) => diagnostic.code);
  expect(errors).toEqual([2322]);
});
