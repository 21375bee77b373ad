import { defineConfig } from "vitest/config";

// One run for unit (*.test.ts) and integration (*.int.test.ts) tests.
// The global setup starts embedded Postgres (unless TEST_DATABASE_URL is set)
// and migrates a template database each test file clones.
export default defineConfig({
  // Each file's nearest tsconfig.json maps its path aliases (apps/web's "@/*"), as Next.js and tsc do.
  resolve: { tsconfigPaths: true },
  test: {
    include: ["{apps,packages,scripts}/**/src/**/*.test.{ts,tsx}", "scripts/**/*.test.ts", "bench/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/.next/**", "**/dist/**"],
    globalSetup: ["packages/db/src/testing/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
  },
});
