/**
 * Entry point of the realtime service (bundled to dist/server.mjs).
 * Configuration comes from the environment (env.ts); SIGTERM/SIGINT drain
 * sockets with 1012 so clients reconnect elsewhere, then exit.
 *
 * Adapters: REDIS_URL set → Redis pub/sub between nodes and Redis presence;
 * unset → Postgres LISTEN/NOTIFY (the web app publishes from another
 * process, so even one node needs a bus that crosses processes) and memory
 * presence. Every node also runs the outbox relay, which republishes events
 * whose publish was lost (SKIP LOCKED: nodes never publish a row together).
 */
import { pino } from "pino";
import { createConfiguredBus } from "@parley/api/bus/configured-bus";
import { startOutboxRelay } from "@parley/api/bus/outbox";
import { createProcessPorts, installProcessPorts } from "@parley/api/ports";
import { createMemoryPresenceStore } from "@parley/api/presence/memory-presence-store";
import { createRedisPresenceStore } from "@parley/api/presence/redis-presence-store";
import { warmSendPath } from "@parley/api/messages/send-batching";
import { createPrismaClient } from "@parley/db/client";
import { readRealtimeServiceEnv } from "./env.ts";
import { startRealtimeServer } from "./realtime-server.ts";

// node-postgres' default pool size, which Prisma's adapter uses.
const DATABASE_POOL_SIZE = 10;

const env = readRealtimeServiceEnv();
const logger = pino({ name: "parley-realtime", level: env.logLevel });

const db = createPrismaClient(env.databaseUrl);
const { bus, kind: busKind } = await createConfiguredBus({ redisUrl: env.redisUrl, databaseUrl: env.databaseUrl, logger });
const presenceStore = env.redisUrl ? await createRedisPresenceStore({ url: env.redisUrl, logger }) : createMemoryPresenceStore();
// The process's ports: this bus, and the one send queue and outbox-marks queue of this node.
const ports = createProcessPorts({ db, bus, logger });
installProcessPorts(ports);
const relay = startOutboxRelay(ports);
// Before sockets are accepted: the first messages after a (re)start go at full speed.
await warmSendPath(db, DATABASE_POOL_SIZE);

const server = await startRealtimeServer({
  port: env.port,
  host: env.host,
  secret: env.realtimeSecret,
  allowedOrigins: env.allowedOrigins,
  logger,
  ports,
  presenceStore,
});
logger.info({ url: server.url, allowedOrigins: env.allowedOrigins, isProduction: env.isProduction, bus: busKind }, "realtime service listening");

async function shutDown(): Promise<void> {
  await server.close();
  await relay.stop();
  await bus.close();
  await presenceStore.close?.();
  await db.$disconnect();
}

function stop(signal: NodeJS.Signals): void {
  logger.info({ signal }, "stopping");
  shutDown().then(
    () => process.exit(0),
    (error: unknown) => {
      logger.error({ err: error }, "shutdown failed");
      process.exit(1);
    },
  );
}
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
