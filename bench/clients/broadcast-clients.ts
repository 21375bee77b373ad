/**
 * Load client for the broadcast baselines (own process): opens one socket per
 * membership, joins its room, then records send→receive latency from the
 * `sentAt` (timeOrigin + now, same machine clock) carried in each message.
 * A "sender" order instead emits messages at an offered rate.
 *   parent → Order; child → { type: "joined" } … parent → { type: "report" } → { type: "report", ... }
 */
import { io, type Socket } from "socket.io-client";
import { WebSocket } from "ws";
import { DeliveryLog } from "../lib/delivery-log.ts";
import { sendOpenLoop } from "../lib/open-loop.ts";
import { wallClockMs } from "../lib/stats.ts";

type Kind = "socketio" | "ws";
interface Membership {
  url: string;
  room: string;
}
type Order =
  | { role: "receivers"; kind: Kind; memberships: Membership[]; timedFromId: number }
  | { role: "sender"; kind: Kind; url: string; rooms: string[]; ratePerSecond: number; seconds: number; warmupSeconds: number };
interface Delivered {
  room: string;
  id: number;
  sentAt: number;
}

interface Connection {
  join(room: string): Promise<void>;
  send(message: Delivered): void;
}

function connect(kind: Kind, url: string, onMessage: (message: Delivered) => void): Promise<Connection> {
  if (kind === "socketio") {
    const socket: Socket = io(url, { transports: ["websocket"], reconnection: false, forceNew: true });
    socket.on("message", onMessage);
    return new Promise((resolve, reject) => {
      socket.once("connect", () =>
        resolve({
          join: (room) => new Promise((done) => socket.emit("join", room, () => done())),
          send: (message) => socket.emit("send", message),
        }),
      );
      socket.once("connect_error", reject);
    });
  }
  const socket = new WebSocket(url, { perMessageDeflate: false });
  let joined: (() => void) | null = null;
  socket.on("message", (data) => {
    const frame = JSON.parse(String(data)) as { type: string } & Delivered;
    if (frame.type === "joined") joined?.();
    else onMessage(frame);
  });
  return new Promise((resolve, reject) => {
    socket.once("open", () =>
      resolve({
        join: (room) =>
          new Promise((done) => {
            joined = done;
            socket.send(JSON.stringify({ type: "join", room }));
          }),
        send: (message) => socket.send(JSON.stringify({ type: "send", ...message })),
      }),
    );
    socket.once("error", reject);
  });
}

async function receivers(order: Extract<Order, { role: "receivers" }>): Promise<void> {
  const log = new DeliveryLog(order.timedFromId);
  process.on("message", (message: { type?: string }) => {
    if (message.type === "report") process.send?.({ type: "report", ...log.report() });
  });
  const CONCURRENCY = 50;
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < order.memberships.length) {
        const membership = order.memberships[next] as Membership;
        next += 1;
        const connection = await connect(order.kind, membership.url, (message) => log.record(message.id, message.sentAt));
        await connection.join(membership.room);
      }
    }),
  );
  process.send?.({ type: "joined" });
}

async function sender(order: Extract<Order, { role: "sender" }>): Promise<void> {
  const connection = await connect(order.kind, order.url, () => {});
  process.send?.({ type: "joined" });
  await new Promise<void>((resolve) => process.once("message", () => resolve()));
  const outcome = await sendOpenLoop(order, (id) => connection.send({ room: order.rooms[id % order.rooms.length] as string, id, sentAt: wallClockMs() }));
  process.send?.({ type: "sent", ...outcome });
}

process.once("message", (order: Order) => {
  void (order.role === "sender" ? sender(order) : receivers(order)).catch((error: unknown) => {
    process.send?.({ type: "error", message: (error as Error).message });
  });
});
process.on("disconnect", () => process.exit(0));
