/**
 * Vitest global setup: one PostgreSQL server for the whole run (tests/setup/postgres.ts), its URL
 * handed to the tests as `inject("postgresUrl")`. Each test file makes its own database on it.
 */
import type { TestProject } from "vitest/node";
import { startCluster } from "./postgres";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const given = process.env.DESCENT_TEST_DATABASE_URL;
  if (given) {
    project.provide("postgresUrl", given);
    return;
  }
  const cluster = await startCluster();
  project.provide("postgresUrl", cluster.url);
  return () => cluster.stop();
}
