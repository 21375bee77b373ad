import { access, chmod, mkdir, mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "./embedded.ts";
import { queryRows } from "./testing/query.ts";

// Starts its own servers (independent of the test run's shared one).
let workDir: string;
beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), "parley-embedded-test-"));
  await chmod(workDir, 0o755); // as root the server runs as "postgres"
});
afterAll(() => rm(workDir, { recursive: true, force: true }));

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

describe("startEmbeddedPostgres", () => {
  it("creates database parley on a free port, and a restart on the same dir keeps the data", async () => {
    const dataDir = path.join(workDir, "persistent");
    const first = await startEmbeddedPostgres({ dataDir });
    try {
      expect(first.port).toBeGreaterThan(0);
      expect(first.connectionString).toMatch(new RegExp(`:${first.port}/parley$`));
      await queryRows(first.connectionString, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')");
    } finally {
      await first.stop();
    }
    const initialisedAt = (await stat(path.join(dataDir, "PG_VERSION"))).mtimeMs;

    const second = await startEmbeddedPostgres({ dataDir });
    try {
      expect(await queryRows(second.connectionString, "SELECT note FROM kept")).toEqual([{ note: "still here" }]);
      const databases = await queryRows<{ datname: string }>(second.adminConnectionString, "SELECT datname FROM pg_database WHERE datname = 'parley'");
      expect(databases).toHaveLength(1);
    } finally {
      await second.stop();
    }
    // Not re-initialised.
    expect((await stat(path.join(dataDir, "PG_VERSION"))).mtimeMs).toBe(initialisedAt);
    // Stopped means stopped: nothing listens any more.
    await expect(queryRows(second.connectionString, "SELECT 1")).rejects.toThrow(/ECONNREFUSED/);
  });

  it("deletes a non-persistent data dir on stop, and says why when the port is taken", async () => {
    const dataDir = path.join(workDir, "throwaway");
    const server = await startEmbeddedPostgres({ dataDir, persistent: false });
    try {
      expect(await exists(path.join(dataDir, "PG_VERSION"))).toBe(true);
      await expect(startEmbeddedPostgres({ dataDir: path.join(workDir, "clash"), port: server.port, persistent: false })).rejects.toThrow(
        `did not start on port ${server.port}`,
      );
    } finally {
      await server.stop();
    }
    expect(await exists(dataDir)).toBe(false);
  });
});

// Only root runs Postgres as another user ("postgres"); anyone else runs it as themselves.
describe.runIf(process.getuid?.() === 0)("startEmbeddedPostgres as root", () => {
  it("stops before initdb with one line naming the fix when a parent directory is closed to others", async () => {
    const closed = path.join(workDir, "closed");
    await mkdir(closed, { mode: 0o700 });
    await chmod(closed, 0o700);
    const dataDir = path.join(closed, "data");
    await expect(startEmbeddedPostgres({ dataDir, persistent: false })).rejects.toThrow(
      new Error(
        `Embedded Postgres runs as the user "postgres" when started as root, and it cannot enter ${closed}: ` +
          `run "chmod o+x ${closed}" (or use a Postgres server of your own: DATABASE_URL for npm start, TEST_DATABASE_URL for npm test).`,
      ),
    );
    expect(await exists(dataDir)).toBe(false);
  });
});
