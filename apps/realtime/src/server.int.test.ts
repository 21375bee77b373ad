import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { createTestDatabase, type TestDatabase } from "@parley/db/testing/database";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { TestSocket } from "./testing/test-socket.ts";
import { aliceId, allowedOrigin, seedSocketUsers, testSecret, tokenFor } from "./testing/test-server.ts";

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

/** Starts the real entry point (src/server.ts via tsx) and resolves with the URL it logs. */
async function startEntryPoint(): Promise<{ process: ChildProcess; url: string }> {
  const started = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: new URL("..", import.meta.url),
    // No REDIS_URL: the process runs as `npm start` runs it, on the Postgres bus.
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", REALTIME_SECRET: testSecret, ALLOWED_ORIGINS: allowedOrigin, LOG_LEVEL: "info", DATABASE_URL: database.url, REDIS_URL: "" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  child = started;
  for await (const line of createInterface({ input: started.stdout! })) {
    const entry = JSON.parse(line) as { msg?: string; url?: string };
    if (entry.msg === "realtime service listening" && entry.url) return { process: started, url: entry.url };
  }
  throw new Error("the server exited before listening");
}

describe("the service process", () => {
  it.each(["SIGTERM", "SIGINT"] as const)("on %s closes sockets with 1012 and exits 0", async (signal) => {
    const { process: server, url } = await startEntryPoint();
    const socket = await TestSocket.open(url, { origin: allowedOrigin });
    expect(await socket.hello(await tokenFor(aliceId))).toMatchObject({ type: "ready", userId: aliceId });

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
