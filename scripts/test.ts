/**
 * `npm test`: every check, in the order that fails fastest.
 * lint → typecheck → unit + integration (vitest, real Postgres) → build → e2e (Playwright, Chromium).
 */
import { resolve } from "node:path";
import { run } from "./lib/processes.ts";

const root = resolve(import.meta.dirname, "..");
const steps: Array<[label: string, command: string, args: string[]]> = [
  ["generate the Prisma client", "npx", ["turbo", "run", "generate", "--output-logs=errors-only"]],
  ["lint", "npx", ["eslint", ".", "--max-warnings=0"]],
  ["typecheck", "npx", ["turbo", "run", "typecheck", "--output-logs=errors-only"]],
  // scripts/, bench/ and e2e/ belong to no workspace package: the root tsconfig covers them.
  ["typecheck scripts, bench and e2e", "npx", ["tsc", "--noEmit", "-p", "tsconfig.json"]],
  ["unit and integration tests", "npx", ["vitest", "run"]],
  ["build", "npx", ["turbo", "run", "build", "--filter=@parley/web", "--filter=@parley/realtime", "--output-logs=errors-only"]],
  ["end-to-end tests", "npx", ["playwright", "test"]],
];

for (const [label, command, args] of steps) {
  const startedAt = Date.now();
  console.log(`\n▶ ${label}`);
  try {
    await run(command, args, { cwd: root });
  } catch (error) {
    console.error(`✖ ${label} failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  console.log(`✔ ${label} (${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
}
