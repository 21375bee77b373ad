/**
 * `npm test`: every check, in the order that fails fastest.
 * lint → format → architecture (import rules, package entry points) → typecheck → unit + integration (vitest, real Postgres) → build → e2e (Playwright, Chromium).
 */
import { accessSync, constants } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { embeddedPostgresAccessProblem } from "@parley/db/embedded";
import { run } from "./lib/processes.ts";

/** What the tests need from the machine, checked first so a missing piece is named, not found 5 minutes in. */
function missingPrerequisites(): string[] {
  const isExecutable = (file: string) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  const onPath = (command: string) => (process.env.PATH ?? "").split(delimiter).some((dir) => dir && isExecutable(join(dir, command)));
  const missing: string[] = [];
  if (!process.env.TEST_REDIS_URL && !onPath("redis-server"))
    missing.push("redis-server is not on PATH (Debian: apt-get install redis-server), and TEST_REDIS_URL is not set");
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!isExecutable(chromium)) missing.push(`no Chromium at ${chromium} (Debian: apt-get install chromium, or set CHROMIUM_PATH)`);
  return missing;
}

const root = resolve(import.meta.dirname, "..");
const steps: Array<[label: string, command: string, args: string[]]> = [
  ["generate the Prisma client", "npx", ["turbo", "run", "generate", "--output-logs=errors-only"]],
  ["lint", "npx", ["eslint", ".", "--max-warnings=0"]],
  // .prettierrc: one formatting for the code base (`npm run format` writes it).
  ["format", "npx", ["prettier", "--check", ".", "--log-level", "warn"]],
  // .dependency-cruiser.cjs: no app-to-app or package-to-app imports, no deep imports, repositories stay in their capability, no cycles.
  ["architecture", "npx", ["depcruise", "apps", "packages", "scripts", "bench", "e2e", "--config", ".dependency-cruiser.cjs", "--output-type", "err"]],
  // Each package's "exports" lists exactly the entry points the repo imports (--write regenerates the lists).
  ["package entry points", "npx", ["tsx", "scripts/check-exports.ts"]],
  ["typecheck", "npx", ["turbo", "run", "typecheck", "--output-logs=errors-only"]],
  // scripts/, bench/ and e2e/ belong to no workspace package: the root tsconfig covers them.
  ["typecheck scripts, bench and e2e", "npx", ["tsc", "--noEmit", "-p", "tsconfig.json"]],
  ["unit and integration tests", "npx", ["vitest", "run"]],
  ["build", "npx", ["turbo", "run", "build", "--filter=@parley/web", "--filter=@parley/realtime", "--output-logs=errors-only"]],
  ["end-to-end tests", "npx", ["playwright", "test"]],
];

const missing = missingPrerequisites();
// As root, embedded Postgres runs as "postgres": a checkout it cannot enter is named now, with npm start's fix, not after lint.
const embeddedProblem = process.env.TEST_DATABASE_URL ? null : await embeddedPostgresAccessProblem(join(tmpdir(), "parley-test-pg", "data"));
if (embeddedProblem) missing.push(embeddedProblem);
if (missing.length > 0) {
  for (const line of missing) console.error(`✖ ${line}`);
  process.exit(1);
}

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
