/**
 * `npm start`: the whole product on embedded defaults.
 *
 * Embedded Postgres (data under .parley/postgres, kept across restarts) unless
 * DATABASE_URL is set; migrations; the demo workspace on first run (embedded
 * Postgres only: a database of your own is never seeded); then the web app
 * (:3000) and the realtime service (:3001) in production mode, on 127.0.0.1
 * unless HOST says otherwise (HOST=0.0.0.0 to expose them).
 * `npm run dev` does the same with `next dev` and `tsx watch`.
 */
import { type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import { startEmbeddedPostgres } from "@parley/db/embedded";
import { migrate } from "@parley/db/migrate";
import { createPrismaClient } from "@parley/db/client";
import { seedDemoWorkspace, type SeedDemoResult } from "@parley/api/seed/seed-demo";
import { loadOrCreateLocalSecrets } from "./lib/secrets.ts";
import { listenHost, reachableHost } from "./lib/listen-address.ts";
import { run, startService, stopProcess, waitForHttp } from "./lib/processes.ts";

const root = resolve(import.meta.dirname, "..");
const isDev = process.argv.includes("--dev");
const webPort = Number(process.env.PORT ?? 3000);
const realtimePort = Number(process.env.REALTIME_PORT ?? 3001);
const host = listenHost(process.env);
const appUrl = process.env.APP_URL ?? `http://localhost:${webPort}`;
const log = (line: string) => console.log(`[parley] ${line}`);

const children: ChildProcess[] = [];
let stopDatabase: (() => Promise<void>) | undefined;
let isStopping = false;

async function shutdown(exitCode: number): Promise<never> {
  if (!isStopping) {
    isStopping = true;
    log("stopping…");
    await Promise.all(children.map((child) => stopProcess(child)));
    await stopDatabase?.();
  }
  process.exit(exitCode);
}

async function main(): Promise<void> {
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  let databaseUrl = process.env.DATABASE_URL;
  const isEmbedded = !databaseUrl;
  if (!databaseUrl) {
    log("starting embedded Postgres (data in .parley/postgres)…");
    const database = await startEmbeddedPostgres({ dataDir: resolve(root, ".parley/postgres"), persistent: true });
    databaseUrl = database.connectionString;
    stopDatabase = database.stop;
  }

  const { applied } = await migrate(databaseUrl, { log });
  log(applied.length ? `applied migrations: ${applied.join(", ")}` : "database schema is up to date");

  const demo = isEmbedded ? await seedDemo(databaseUrl) : null;

  const secrets = loadOrCreateLocalSecrets(resolve(root, ".parley/secrets.json"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: isDev ? "development" : "production",
    DATABASE_URL: databaseUrl,
    APP_URL: appUrl,
    NEXTAUTH_URL: appUrl,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? secrets.nextAuthSecret,
    REALTIME_SECRET: process.env.REALTIME_SECRET ?? secrets.realtimeSecret,
    HOST: host,
    PUBLIC_REALTIME_URL: process.env.PUBLIC_REALTIME_URL ?? `ws://localhost:${realtimePort}`,
    ALLOWED_ORIGINS: process.env.ALLOWED_ORIGINS ?? appUrl,
  };

  if (!isDev) {
    log("building web and realtime (cached after the first run)…");
    await run("npx", ["turbo", "run", "build", "--filter=@parley/web", "--filter=@parley/realtime", "--output-logs=errors-only"], { cwd: root, env });
  }

  const web = isDev
    ? startService("web", "npx", ["next", "dev", "-p", String(webPort), "-H", host], { cwd: resolve(root, "apps/web"), env })
    : startService("web", "npx", ["next", "start", "-p", String(webPort), "-H", host], { cwd: resolve(root, "apps/web"), env });
  const realtime = isDev
    ? startService("realtime", "npx", ["tsx", "watch", "src/server.ts"], { cwd: resolve(root, "apps/realtime"), env: { ...env, PORT: String(realtimePort) } })
    : startService("realtime", "node", ["dist/server.mjs"], { cwd: resolve(root, "apps/realtime"), env: { ...env, PORT: String(realtimePort) } });
  children.push(web, realtime);
  for (const child of children) {
    child.on("exit", (code) => {
      if (!isStopping) {
        log(`a service exited (${code}); stopping the rest`);
        void shutdown(1);
      }
    });
  }

  const isRunning = (child: ChildProcess) => () => child.exitCode === null;
  await Promise.all([
    waitForHttp(`http://${reachableHost(host)}:${webPort}/healthz`, 120_000, isRunning(web)),
    waitForHttp(`http://${reachableHost(host)}:${realtimePort}/healthz`, 60_000, isRunning(realtime)),
  ]);

  const firstSteps = demo
    ? [`  Demo workspace "${demo.workspaceSlug}"${demo.created ? " (just created)" : ""}`, `  Sign in as ${demo.login.email} / ${demo.login.password}`]
    : [`  Your database (DATABASE_URL) gets no demo data.`, `  Create the first account and its workspace at ${appUrl}/signup`];
  console.log(["", "  Parley is running", `  → ${appUrl}`, "", ...firstSteps, "", "  Ctrl-C stops everything.", ""].join("\n"));
}

/** The demo workspace, on the embedded database only (idempotent: written on the first start). */
async function seedDemo(databaseUrl: string): Promise<SeedDemoResult> {
  const db = createPrismaClient(databaseUrl);
  try {
    return await seedDemoWorkspace(db, { log });
  } finally {
    await db.$disconnect();
  }
}

main().catch(async (error: unknown) => {
  console.error(`[parley] failed to start: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
});
