/**
 * The EventBus over Postgres LISTEN/NOTIFY: what `npm start` uses, where the
 * web app and the realtime service are two processes on embedded Postgres
 * with no Redis. One LISTEN connection on one channel; topics are filtered
 * here.
 *
 * NOTIFY payloads stop at 8,000 bytes and a message may be 40,000
 * characters, so an envelope is cut into chunks sent in ONE transaction
 * (Postgres delivers a transaction's notifications together, in order, at
 * commit) and reassembled by the listener.
 */
import { randomUUID } from "node:crypto";
import { busEnvelopeSchema } from "@parley/protocol/events";
import pg from "pg";
import type { Logger } from "../logger.ts";
import type { EventBus } from "./event-bus.ts";
import { GapListeners, TopicHandlers } from "./topic-handlers.ts";

export const POSTGRES_BUS_CHANNEL = "parley_bus";
// Characters of envelope JSON per notification; with the header and UTF-8 (up to 3 bytes
// per UTF-16 unit) this stays under the 8,000-byte limit.
const CHUNK_CHARS = 2_400;
const ASSEMBLY_TIMEOUT_MS = 10_000;

interface Chunk {
  /** publish id */
  p: string;
  i: number;
  n: number;
  d: string;
}

export interface PostgresBusOptions {
  connectionString: string;
  logger: Logger;
  /** First reconnect delay of the LISTEN connection; doubles up to 5 s. */
  reconnectDelayMs?: number;
}

/**
 * What a log line needs of a lost connection: pg-pool attaches the whole pg
 * client to an idle client's error, which pino would print as a screenful of
 * connection state.
 */
function connectionErrorSummary(error: unknown): { message: string; code?: string } {
  if (!(error instanceof Error)) return { message: String(error) };
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? { message: error.message, code } : { message: error.message };
}

export async function createPostgresBus(options: PostgresBusOptions): Promise<EventBus> {
  const { logger } = options;
  const handlers = new TopicHandlers((error, topic) => logger.error({ err: error, topic }, "bus handler failed"));
  const gaps = new GapListeners();
  const publisher = new pg.Pool({ connectionString: options.connectionString, max: 4 });
  publisher.on("error", (error) => logger.warn({ err: connectionErrorSummary(error) }, "postgres bus publisher connection error"));
  const assemblies = new Map<string, { parts: string[]; received: number; startedAt: number }>();
  let listener: pg.Client | undefined;
  let isClosed = false;
  let reconnectTimer: NodeJS.Timeout | undefined;

  function receive(payload: string | undefined): void {
    if (!payload) return;
    let chunk: Chunk;
    try {
      chunk = JSON.parse(payload) as Chunk;
    } catch {
      logger.warn("postgres bus: unparseable notification dropped");
      return;
    }
    let text = chunk.d;
    if (chunk.n > 1) {
      const now = Date.now();
      for (const [id, assembly] of assemblies) if (now - assembly.startedAt > ASSEMBLY_TIMEOUT_MS) assemblies.delete(id);
      let assembly = assemblies.get(chunk.p);
      if (!assembly) assemblies.set(chunk.p, (assembly = { parts: new Array<string>(chunk.n), received: 0, startedAt: now }));
      if (assembly.parts[chunk.i] === undefined) assembly.received += 1;
      assembly.parts[chunk.i] = chunk.d;
      if (assembly.received < chunk.n) return;
      assemblies.delete(chunk.p);
      text = assembly.parts.join("");
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      logger.warn("postgres bus: unparseable envelope dropped");
      return;
    }
    const envelope = busEnvelopeSchema.safeParse(value);
    if (!envelope.success) {
      logger.warn({ issue: envelope.error.issues[0]?.message }, "postgres bus: invalid envelope dropped");
      return;
    }
    if (handlers.has(envelope.data.topic)) handlers.deliver(envelope.data.topic, envelope.data.event);
  }

  async function connectListener(): Promise<void> {
    const client = new pg.Client({ connectionString: options.connectionString });
    client.on("notification", (message) => receive(message.payload));
    client.on("error", (error) => {
      logger.warn({ err: connectionErrorSummary(error) }, "postgres bus listener lost; reconnecting");
      void client.end().catch(() => undefined);
      scheduleReconnect(options.reconnectDelayMs ?? 100);
    });
    await client.connect();
    await client.query(`LISTEN ${POSTGRES_BUS_CHANNEL}`);
    listener = client;
  }

  function scheduleReconnect(delayMs: number): void {
    if (isClosed || reconnectTimer) return;
    listener = undefined;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      connectListener().then(
        () => {
          logger.info("postgres bus listener reconnected");
          gaps.fire();
        },
        (error: unknown) => {
          logger.warn({ err: connectionErrorSummary(error) }, "postgres bus reconnect failed");
          scheduleReconnect(Math.min(delayMs * 2, 5_000));
        },
      );
    }, delayMs);
    reconnectTimer.unref();
  }

  await connectListener();

  return {
    async publish(topic, event) {
      if (isClosed) throw new Error("event bus is closed");
      const text = JSON.stringify({ topic, event });
      const publishId = randomUUID();
      const count = Math.max(1, Math.ceil(text.length / CHUNK_CHARS));
      const chunks: string[] = [];
      for (let index = 0; index < count; index += 1) {
        chunks.push(JSON.stringify({ p: publishId, i: index, n: count, d: text.slice(index * CHUNK_CHARS, (index + 1) * CHUNK_CHARS) } satisfies Chunk));
      }
      if (chunks.length === 1) {
        await publisher.query("SELECT pg_notify($1, $2)", [POSTGRES_BUS_CHANNEL, chunks[0]]);
        return;
      }
      // One statement is one transaction: every chunk is delivered at its commit, together.
      await publisher.query("SELECT pg_notify($1, chunk) FROM unnest($2::text[]) WITH ORDINALITY AS c(chunk, ordinality) ORDER BY ordinality", [
        POSTGRES_BUS_CHANNEL,
        chunks,
      ]);
    },

    async subscribe(topic, handler) {
      if (isClosed) throw new Error("event bus is closed");
      // LISTEN covers every topic: a subscription is live as soon as the listener is.
      const { remove } = handlers.add(topic, handler);
      return async () => {
        remove();
      };
    },

    onDeliveryGap: (listener) => gaps.add(listener),

    async close() {
      if (isClosed) return;
      isClosed = true;
      clearTimeout(reconnectTimer);
      handlers.clear();
      await listener?.end().catch(() => undefined);
      await publisher.end();
    },
  };
}
