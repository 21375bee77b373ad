/**
 * Load client (own process, forked by the connections scenario): opens
 * `count` authenticated sockets to one realtime node on 127.0.0.1 per order
 * (a warm-up batch, then the rest), keeps them all alive with `ping` at the
 * server's heartbeat, and reports over IPC.
 *   parent → { type: "open", url, origin, token, count, concurrency }
 *   child  → { type: "opened", ready, failed, firstError }   (ready: open sockets in all, this order's included)
 *   parent → { type: "count" }   child → { type: "count", open }
 * It holds its sockets until killed.
 */
import { PROTOCOL_VERSION } from "@parley/protocol/frames";
import { WebSocket } from "ws";

interface Order {
  type: "open";
  url: string;
  origin: string;
  token: string;
  count: number;
  concurrency: number;
}

const sockets: WebSocket[] = [];
let isPinging = false;

function openOne(order: Order): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(order.url, { origin: order.origin, perMessageDeflate: false });
    socket.once("open", () => socket.send(JSON.stringify({ type: "hello", v: PROTOCOL_VERSION, token: order.token })));
    socket.once("message", (data) => {
      const frame = JSON.parse(String(data)) as { type: string; heartbeatSeconds?: number };
      if (frame.type !== "ready") return reject(new Error(`expected ready, got ${String(data).slice(0, 200)}`));
      sockets.push(socket);
      resolve(frame.heartbeatSeconds ?? 25);
    });
    socket.once("error", reject);
    socket.once("close", (code) => reject(new Error(`closed ${code} before ready`)));
  });
}

async function openBatch(order: Order): Promise<void> {
  let next = 0;
  let failed = 0;
  let firstError: string | null = null;
  let heartbeatSeconds = 25;
  await Promise.all(
    Array.from({ length: order.concurrency }, async () => {
      while (next < order.count) {
        next += 1;
        try {
          heartbeatSeconds = await openOne(order);
        } catch (error) {
          failed += 1;
          firstError ??= (error as Error).message;
        }
      }
    }),
  );
  if (!isPinging) startPinging(heartbeatSeconds);
  process.send?.({ type: "opened", ready: stillOpen(), failed, firstError });
}

/**
 * Spreads the pings over the interval so the node sees a steady trickle, as
 * from real idle tabs: each socket pings once per `heartbeatSeconds`, as the
 * web client does (packages/realtime-client/src/realtime-link.ts; every half
 * interval, as before, doubled the idle load a node sees).
 */
function startPinging(heartbeatSeconds: number): void {
  isPinging = true;
  const everyMs = heartbeatSeconds * 1000;
  let cursor = 0;
  setInterval(() => {
    const batch = Math.ceil(sockets.length / 10);
    for (let index = 0; index < batch && sockets.length > 0; index += 1) {
      const socket = sockets[cursor % sockets.length] as WebSocket;
      if (socket.readyState === WebSocket.OPEN) socket.send('{"type":"ping"}');
      cursor += 1;
    }
  }, everyMs / 10).unref();
}

const stillOpen = () => sockets.filter((socket) => socket.readyState === WebSocket.OPEN).length;

process.on("message", (message: Order | { type: "count" }) => {
  if (message.type === "open") void openBatch(message);
  if (message.type === "count") process.send?.({ type: "count", open: stillOpen() });
});
process.on("disconnect", () => process.exit(0));
