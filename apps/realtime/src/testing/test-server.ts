import { pino } from "pino";
import { afterAll, beforeAll } from "vitest";
import { createInProcessBus } from "@parley/api/bus/in-process";
import type { EventBus } from "@parley/api/bus/event-bus";
import { createMessageIdGenerator } from "@parley/db/ids";
import { createTokenBucketLimiter } from "@parley/api/messages/send-rate-limiter";
import { createSendPath, systemClock, type ServicePorts } from "@parley/api/ports";
import { createMemoryPresenceStore } from "@parley/api/presence/memory-presence-store";
import { issueRealtimeToken } from "@parley/api/realtime/realtime-token";
import { createTestDatabase, type TestDatabase } from "@parley/db/testing/database";
import type { PrismaClient } from "@parley/db/client";
import { type RealtimeServer, type RealtimeServerOptions, startRealtimeServer } from "../realtime-server.ts";

export const testSecret = "realtime-integration-test-secret-0123456789";
export const allowedOrigin = "http://localhost:3000";
export const aliceId = "6c1f8a52-1d7e-4c3b-9a0f-2b4d6e8f0a11";
export const bobId = "9e2d4b63-7a8c-4f1d-8b2e-3c5f7a9b1d22";

export const testLogger = pino({ level: process.env.LOG_LEVEL ?? "silent" });

/** The services a node uses, on the given database and bus, with a limiter that never trips. */
export function createNodePorts(db: PrismaClient, bus: EventBus): ServicePorts {
  return {
    db,
    bus,
    ids: createMessageIdGenerator(),
    clock: systemClock,
    logger: testLogger,
    sendRateLimiter: createTokenBucketLimiter({ ratePerSecond: 1_000_000, burst: 1_000_000 }),
    ...createSendPath(db),
  };
}

/** Alice and Bob (the fixed ids above) as active members of one workspace. */
export async function seedSocketUsers(db: PrismaClient): Promise<{ workspaceId: string }> {
  const workspace = await db.workspace.create({ data: { slug: `rt-${aliceId.slice(0, 8)}`, name: "Realtime" }, select: { id: true } });
  for (const [id, name] of [
    [aliceId, "Alice"],
    [bobId, "Bob"],
  ] as const) {
    await db.user.create({ data: { id, name, email: `${name.toLowerCase()}@realtime.test` } });
    await db.membership.create({ data: { workspaceId: workspace.id, userId: id, role: "member" } });
  }
  return { workspaceId: workspace.id };
}

export interface TestRealtimeServer extends RealtimeServer {
  database: TestDatabase;
  /** The node's own services: what tests call to change things "from the web app". */
  ports: ServicePorts;
}

/**
 * A real server on a free loopback port with its own migrated database
 * (Alice and Bob seeded), the in-process bus and memory presence; quiet
 * unless LOG_LEVEL is set. Closing it drops the database.
 */
export async function startTestServer(overrides: Partial<RealtimeServerOptions> = {}): Promise<TestRealtimeServer> {
  const database = await createTestDatabase();
  await seedSocketUsers(database.prisma);
  const ports = overrides.ports ?? createNodePorts(database.prisma, createInProcessBus());
  const server = await startRealtimeServer({
    port: 0,
    host: "127.0.0.1",
    secret: testSecret,
    allowedOrigins: [allowedOrigin],
    logger: testLogger,
    ports,
    presenceStore: createMemoryPresenceStore(),
    ...overrides,
  });
  return {
    ...server,
    database,
    ports,
    async close() {
      await server.close();
      await database.drop();
    },
  };
}

/**
 * The test server of this file, or of the describe block that calls this:
 * started before its tests, closed after them. What it returns stands for
 * that server, so it can be read only inside tests and hooks (hooks declared
 * after this call run after the server has started).
 */
export function testServerForThisBlock(overrides: Partial<RealtimeServerOptions> = {}): TestRealtimeServer {
  let current: TestRealtimeServer | undefined;
  beforeAll(async () => {
    current = await startTestServer(overrides);
  });
  afterAll(async () => {
    await current?.close();
  });
  return new Proxy({} as TestRealtimeServer, {
    get(_target, key) {
      if (!current) throw new Error("the test server starts in beforeAll: use it inside a test or a hook");
      const value: unknown = Reflect.get(current, key);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(current) : value;
    },
  });
}

/** Someone else in Alice and Bob's workspace, with a fixed id, for a socket beside theirs. */
export async function addSocketMember(db: PrismaClient, member: { id: string; name: string }): Promise<{ workspaceId: string }> {
  const { workspaceId } = await db.membership.findFirstOrThrow({ where: { userId: aliceId }, select: { workspaceId: true } });
  await db.user.create({ data: { id: member.id, name: member.name, email: `${member.name.toLowerCase()}@realtime.test` } });
  await db.membership.create({ data: { workspaceId, userId: member.id, role: "member" } });
  return { workspaceId };
}

export function tokenFor(userId: string, now?: Date): string {
  return issueRealtimeToken(testSecret, userId, now);
}

/** Polls `condition` until it holds, failing after `timeoutMs`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
