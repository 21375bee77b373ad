import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createTestDatabase, type TestDatabase } from "@parley/db/testing/database";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startNodeProcess, type NodeProcess } from "./testing/node-process.ts";
import { TestSocket } from "./testing/test-socket.ts";
import { aliceId, allowedOrigin, seedSocketUsers, tokenFor } from "./testing/test-server.ts";

let child: ChildProcess | undefined;
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedSocketUsers(database.prisma);
});
afterEach(() => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
});
afterAll(async () => {
  await database.drop();
});

/** The real entry point (src/server.ts via tsx); no REDIS_URL, so it runs as `npm start` runs it, on the Postgres bus. */
async function startEntryPoint(): Promise<NodeProcess> {
  const node = await startNodeProcess({ databaseUrl: database.url });
  child = node.process;
  return node;
}

describe("the service process", () => {
  it.each(["SIGTERM", "SIGINT"] as const)("on %s closes sockets with 1012 and exits 0", async (signal) => {
    const { process: server, url } = await startEntryPoint();
    const socket = await TestSocket.open(url, { origin: allowedOrigin });
    expect(await socket.hello(tokenFor(aliceId))).toMatchObject({ type: "ready", userId: aliceId });

    const exited = once(server, "exit");
    server.kill(signal);
    expect((await socket.closed).code).toBe(1012);
    expect(await exited).toEqual([0, null]);
  });

  it("refuses to start in production without a secret", async () => {
    const started = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
      cwd: new URL("..", import.meta.url),
      env: { ...process.env, NODE_ENV: "production", REALTIME_SECRET: "", PORT: "0" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    child = started;
    let stderr = "";
    started.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = await once(started, "exit");
    expect(code).not.toBe(0);
    expect(stderr).toContain("REALTIME_SECRET");
  });
});
