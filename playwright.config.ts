import { readFileSync } from "node:fs";
import { defineConfig } from "@playwright/test";

/** Shared with the benchmarks (bench/lib/browser.mjs). */
const chromiumLaunch = JSON.parse(readFileSync(new URL("./tests/setup/chromium.json", import.meta.url), "utf8")) as {
  executablePath: string;
  args: string[];
};

const PORT = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: "chromium",
    launchOptions: { executablePath: chromiumLaunch.executablePath, args: chromiumLaunch.args },
  },
  // The production build, as learners get it.
  webServer: {
    // On an empty data folder, as on CI's clean clone: what earlier local runs stored (hundreds of
    // submissions, LTI platforms) does not slow or change this run.
    command: `rm -rf .cache/e2e-data && node server.mjs -p ${PORT} -H 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    // The grader's data in a folder of its own; an instructor token for the gradebook tests.
    env: { DESCENT_DATA_DIR: ".cache/e2e-data", DESCENT_INSTRUCTOR_TOKEN: "e2e-instructor-token" },
  },
});
