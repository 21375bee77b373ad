import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// One run for unit (*.test.ts) and integration (*.int.test.ts) tests.
// The global setup starts embedded Postgres (unless TEST_DATABASE_URL is set)
// and migrates a template database each test file clones.
export default defineConfig({
  resolve: {
    // Each file's nearest tsconfig.json maps its path aliases (apps/web's "@/*"), as Next.js and tsc do.
    tsconfigPaths: true,
    // Modules marked `import "server-only"` throw outside Next's react-server build, yet the integration tests import them
    // directly: they get the package's own no-op, as Next's server build does (what Next's docs suggest for tests).
    alias: { "server-only": fileURLToPath(new URL("node_modules/server-only/empty.js", import.meta.url)) },
  },
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
