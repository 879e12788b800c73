import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const modulePath = (path: string) => fileURLToPath(new URL(`./node_modules/${path}`, import.meta.url));

export default defineConfig({
  resolve: {
    // One copy of tfjs-core (its ESM build), so that the chained ops and gradients registered from
    // its dist/ files land on the same Tensor class the cells use.
    alias: [
      { find: /^@\//, replacement: fileURLToPath(new URL("./", import.meta.url)) },
      // Tests are server code: `server-only` is its react-server entry (empty), as in Next's server bundles.
      { find: /^server-only$/, replacement: modulePath("server-only/empty.js") },
      { find: /^@tensorflow\/tfjs-core$/, replacement: modulePath("@tensorflow/tfjs-core/dist/index.js") },
      { find: /^@tensorflow\/tfjs-backend-cpu$/, replacement: modulePath("@tensorflow/tfjs-backend-cpu/dist/index.js") },
    ],
  },
  test: {
    server: { deps: { inline: [/@tensorflow\//] } },
    include: ["tests/unit/**/*.test.ts"],
    // A PostgreSQL server for the store and queue tests (DESCENT_TEST_DATABASE_URL, or a throwaway cluster).
    globalSetup: ["tests/setup/vitest-postgres.ts"],
    testTimeout: 30_000,
  },
});
