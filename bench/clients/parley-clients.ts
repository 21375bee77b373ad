/**
 * Load client for Parley's delivery and fan-out (own process), speaking the
 * real protocol to the realtime nodes: `hello` with a token, wait for `ready`.
 * Receivers record send→receive latency of every `message.created` event from
 * the `sentAt` (timeOrigin + now, same machine clock) carried in its body, and
 * count duplicates by seq. A sender sends at an offered rate over its sockets
 * (open loop) and records each send's `ack`.
 *   parent → Order; child → { type: "joined" } … parent → { type: "start" } (sender) / { type: "report" }
 */
import { PROTOCOL_VERSION } from "@parley/protocol/frames";
import { WebSocket } from "ws";
import { DeliveryLog } from "../lib/delivery-log.ts";
import { firstTimedId, sendOpenLoop } from "../lib/open-loop.ts";
import { wallClockMs } from "../lib/stats.ts";

export interface SocketGrant {
  url: string;
  origin: string;
  token: string;
}
export interface SenderRoom {
  conversationId: string;
  /** Several members take turns, so no one exceeds the per-user send limit. */
  senders: SocketGrant[];
}
type Order =
  | { role: "receivers"; sockets: SocketGrant[]; timedFromId: number }
  | { role: "sender"; rooms: SenderRoom[]; ratePerSecond: number; seconds: number; warmupSeconds?: number; ackTimeoutMs: number };

interface InboundFrame {
  type: string;
  code?: string;
  clientMessageId?: string;
  event?: { type: string; conversationId: string; message: { seq: number; body: string } };
}

// A socket the node closed mid-run (1013: it fell too far behind) misses what follows: counted, so "lost" can be read.
const closedAfterReady: Record<string, number> = {};
function onClosedAfterReady(code: number): void {
  closedAfterReady[code] = (closedAfterReady[code] ?? 0) + 1;
}

/** Opens one socket and resolves once the server said `ready`; `onFrame` then sees every later frame. */
function openReady(grant: SocketGrant, onFrame: (frame: InboundFrame) => void): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(grant.url, { origin: grant.origin, perMessageDeflate: false });
    let isReady = false;
    socket.once("open", () => socket.send(JSON.stringify({ type: "hello", v: PROTOCOL_VERSION, token: grant.token })));
    socket.on("message", (data) => {
      const frame = JSON.parse(String(data)) as InboundFrame;
      if (isReady) return onFrame(frame);
      if (frame.type !== "ready") return reject(new Error(`expected ready, got ${String(data).slice(0, 200)}`));
      isReady = true;
      resolve(socket);
    });
    socket.once("error", reject);
    socket.once("close", (code) => (isReady ? onClosedAfterReady(code) : reject(new Error(`closed ${code} before ready`))));
  });
}

async function openAll<T>(items: readonly T[], open: (item: T) => Promise<unknown>): Promise<void> {
  const CONCURRENCY = 50;
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) {
        const item = items[next] as T;
        next += 1;
        await open(item);
      }
    }),
  );
}

/** Body of a bench message: its number and when it left the sender. */
const bodyOf = (id: number) => `bench ${id} ${wallClockMs()}`;
function parseBody(body: string): { id: number; sentAt: number } {
  const [, id, sentAt] = body.split(" ");
  return { id: Number(id), sentAt: Number(sentAt) };
}

async function receivers(order: Extract<Order, { role: "receivers" }>): Promise<void> {
  const log = new DeliveryLog(order.timedFromId);
  let duplicates = 0;
  await openAll(order.sockets, (grant) => {
    const seen = new Set<string>();
    return openReady(grant, (frame) => {
      if (frame.type !== "event" || frame.event?.type !== "message.created") return;
      const key = `${frame.event.conversationId}:${frame.event.message.seq}`;
      if (seen.has(key)) return void (duplicates += 1);
      seen.add(key);
      const { id, sentAt } = parseBody(frame.event.message.body);
      log.record(id, sentAt);
    });
  });
  process.send?.({ type: "joined" });
  process.on("message", (message: { type?: string }) => {
    if (message.type === "report") process.send?.({ type: "report", ...log.report(), duplicates, closedAfterReady });
  });
}

async function sender(order: Extract<Order, { role: "sender" }>): Promise<void> {
  const sentAt = new Map<string, number>();
  const timedFromId = firstTimedId(order);
  /** send→ack ms of timed messages; every acked id, warm-up included. */
  const ackMs: number[] = [];
  const ackedIds: number[] = [];
  const errors: Record<string, number> = {};
  const onFrame = (frame: InboundFrame) => {
    if (!frame.clientMessageId) return;
    const started = sentAt.get(frame.clientMessageId);
    if (started === undefined) return;
    sentAt.delete(frame.clientMessageId);
    if (frame.type === "ack") {
      const id = Number(frame.clientMessageId.slice("bench-".length));
      if (id >= timedFromId) ackMs.push(performance.now() - started);
      ackedIds.push(id);
    } else errors[frame.code ?? frame.type] = (errors[frame.code ?? frame.type] ?? 0) + 1;
  };
  const rooms: { conversationId: string; sockets: WebSocket[] }[] = order.rooms.map((room) => ({ conversationId: room.conversationId, sockets: [] }));
  await openAll(
    order.rooms.flatMap((room, index) => room.senders.map((grant) => ({ grant, index }))),
    async ({ grant, index }) => rooms[index]?.sockets.push(await openReady(grant, onFrame)),
  );
  process.send?.({ type: "joined" });
  await new Promise<void>((resolve) => process.once("message", () => resolve()));
  const { total, seconds } = await sendOpenLoop(order, (id) => {
    const room = rooms[id % rooms.length] as (typeof rooms)[number];
    const socket = room.sockets[Math.floor(id / rooms.length) % room.sockets.length] as WebSocket;
    const clientMessageId = `bench-${id}`;
    sentAt.set(clientMessageId, performance.now());
    socket.send(JSON.stringify({ type: "send", conversationId: room.conversationId, clientMessageId, body: bodyOf(id) }));
  });
  const ackDeadline = performance.now() + order.ackTimeoutMs;
  while (sentAt.size > 0 && performance.now() < ackDeadline) await new Promise((resolve) => setTimeout(resolve, 50));
  process.send?.({ type: "sent", total, timedFromId, seconds, ackMs, ackedIds, errors, unanswered: sentAt.size });
}

process.once("message", (order: Order) => {
  void (order.role === "sender" ? sender(order) : receivers(order)).catch((error: unknown) => {
    // Exiting makes the parent's wait fail at once, with this on its stderr.
    process.stderr.write(`[parley-clients] ${(error as Error).message}\n`);
    process.exit(1);
  });
});
process.on("disconnect", () => process.exit(0));
