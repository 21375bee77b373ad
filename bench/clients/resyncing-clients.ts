/**
 * Load client for the reconnect storm (own process): each client is the
 * browser's own RealtimeClient (@parley/realtime-client, over `ws`) following one channel,
 * so reconnect backoff, `sync` from the last seq and duplicate dropping are
 * exactly what ships. A "drop" order terminates every socket of the process
 * at once (a network cut: no close frame); each client then records when it
 * was live again and when each later seq reached the app (the parent turns
 * that into "resynced": live and holding all that was committed by then).
 *   parent → Order; child → { type: "live" }
 *   parent → { type: "drop" } … { type: "report" } → { type: "report", ... }
 */
import { issueRealtimeToken } from "@parley/api/realtime/realtime-token";
import { WebSocket } from "ws";
import { RealtimeClient, type SocketFactory } from "@parley/realtime-client/realtime-client";
import { wallClockMs } from "../lib/stats.ts";

interface Member {
  userId: string;
  conversationId: string;
  url: string;
}
interface Order {
  members: Member[];
  origin: string;
  secret: string;
}

interface Tracked {
  client: RealtimeClient;
  conversationId: string;
  /** Seqs handed to the app, in the order they came. */
  deliveredSeqs: Set<number>;
  lastDelivered: number;
  duplicates: number;
  outOfOrder: number;
  /** Wall-clock ms when the socket was live again after the cut. */
  liveAt: number | null;
  /** [seq, wall-clock ms] of every seq delivered after the cut. */
  deliveredAfterCut: [number, number][];
  /** Highest seq seen in a raw frame (event or sync batch) of the socket, before the client's own logic: tells a hold-up in the client from one upstream. */
  highestSeqOnWire: number;
  /** Sync requests sent and answers (sync.batch or error) received after the cut: an unanswered sync stalls a conversation. */
  syncsSent: number;
  syncAnswers: number;
}

const openSockets = new Set<WebSocket>();
let droppedAt = 0;
// Sockets opened after the cut, and how those that closed again ended: failed reconnects push clients up their backoff.
let connectsAfterCut = 0;
// Where the time after the cut goes, per reconnect: cut → socket created (backoff, token) → open → ready frame (ms).
const createDelays: number[] = [];
const openDelays: number[] = [];
const readyDelays: number[] = [];
const closeCodesAfterCut: Record<string, number> = {};

const SEQ_IN_FRAME = /"seq":(\d+)/g;

interface WireWatcher {
  onSeq(seq: number): void;
  onFrameOut(text: string): void;
  onFrameIn(text: string): void;
}

function createSocketFactory(origin: string, watcher: WireWatcher): SocketFactory {
  return (url, handlers) => {
    const socket = new WebSocket(url, { origin, perMessageDeflate: false });
    const isAfterCut = droppedAt > 0;
    const createdAt = wallClockMs();
    if (isAfterCut) {
      connectsAfterCut += 1;
      createDelays.push(createdAt - droppedAt);
    }
    const send = socket.send.bind(socket);
    socket.send = ((data: string) => {
      watcher.onFrameOut(data);
      send(data);
    }) as typeof socket.send;
    openSockets.add(socket);
    let openedAt = 0;
    socket.on("open", () => {
      if (isAfterCut) {
        openedAt = wallClockMs();
        openDelays.push(openedAt - createdAt);
      }
      handlers.onOpen();
    });
    socket.on("message", (data) => {
      const text = String(data);
      if (openedAt > 0 && text.startsWith('{"type":"ready"')) {
        readyDelays.push(wallClockMs() - openedAt);
        openedAt = 0;
      }
      for (const match of text.matchAll(SEQ_IN_FRAME)) watcher.onSeq(Number(match[1]));
      watcher.onFrameIn(text);
      handlers.onMessage(text);
    });
    socket.on("close", (code) => {
      openSockets.delete(socket);
      if (isAfterCut) closeCodesAfterCut[code] = (closeCodesAfterCut[code] ?? 0) + 1;
      handlers.onClose(code);
    });
    socket.on("error", () => undefined); // a close follows
    return socket;
  };
}

function noteLive(tracked: Tracked): void {
  if (droppedAt > 0 && tracked.liveAt === null && tracked.client.getStatus() === "live") tracked.liveAt = wallClockMs();
}

function follow(member: Member, order: Order): Tracked {
  const createSocket = createSocketFactory(order.origin, {
    onSeq: (seq) => (tracked.highestSeqOnWire = Math.max(tracked.highestSeqOnWire, seq)),
    onFrameOut: (text) => {
      if (droppedAt > 0 && text.startsWith('{"type":"sync"')) tracked.syncsSent += 1;
    },
    onFrameIn: (text) => {
      if (droppedAt > 0 && (text.startsWith('{"type":"sync.batch"') || text.startsWith('{"type":"error"'))) tracked.syncAnswers += 1;
    },
  });
  const tracked: Tracked = {
    highestSeqOnWire: 0,
    syncsSent: 0,
    syncAnswers: 0,
    conversationId: member.conversationId,
    deliveredSeqs: new Set(),
    lastDelivered: 0,
    duplicates: 0,
    outOfOrder: 0,
    liveAt: null,
    deliveredAfterCut: [],
    client: new RealtimeClient({
      // What the web app's realtime.token does: a fresh token per connect.
      fetchCredentials: async () => ({ token: issueRealtimeToken(order.secret, member.userId), url: member.url }),
      createSocket,
      onStatus: () => noteLive(tracked),
      onEvent: (event) => {
        if (event.type !== "message.created" || event.conversationId !== member.conversationId) return;
        const { seq } = event.message;
        if (tracked.deliveredSeqs.has(seq)) tracked.duplicates += 1;
        else if (seq !== tracked.lastDelivered + 1) tracked.outOfOrder += 1;
        tracked.deliveredSeqs.add(seq);
        tracked.lastDelivered = Math.max(tracked.lastDelivered, seq);
        if (droppedAt > 0) tracked.deliveredAfterCut.push([seq, wallClockMs()]);
      },
    }),
  };
  tracked.client.trackConversation(member.conversationId, 0);
  tracked.client.start();
  return tracked;
}

async function run(order: Order): Promise<void> {
  const clients: Tracked[] = [];
  // Started in slices so the initial connect is not itself a storm.
  for (let index = 0; index < order.members.length; index += 50) {
    for (const member of order.members.slice(index, index + 50)) clients.push(follow(member, order));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const deadline = performance.now() + 300_000;
  while (clients.some((tracked) => tracked.client.getStatus() !== "live")) {
    if (performance.now() > deadline) throw new Error("clients did not all go live within 300 s");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  process.send?.({ type: "live" });
  process.on("message", (message: { type: string }) => {
    if (message.type === "drop") {
      droppedAt = wallClockMs();
      for (const socket of [...openSockets]) socket.terminate();
    } else if (message.type === "report") {
      process.send?.({
        type: "report",
        connectsAfterCut,
        closeCodesAfterCut,
        createDelays,
        openDelays,
        readyDelays,
        clients: clients.map((tracked) => ({
          conversationId: tracked.conversationId,
          distinctSeqs: tracked.deliveredSeqs.size,
          lastDelivered: tracked.lastDelivered,
          duplicates: tracked.duplicates,
          outOfOrder: tracked.outOfOrder,
          droppedAt,
          liveAt: tracked.liveAt,
          deliveredAfterCut: tracked.deliveredAfterCut,
          highestSeqOnWire: tracked.highestSeqOnWire,
          syncsSent: tracked.syncsSent,
          syncAnswers: tracked.syncAnswers,
          isLive: tracked.client.getStatus() === "live",
        })),
      });
    }
  });
}

process.once("message", (order: Order) => {
  void run(order).catch((error: unknown) => {
    process.stderr.write(`[resyncing-clients] ${(error as Error).message}\n`);
    process.exit(1);
  });
});
process.on("disconnect", () => process.exit(0));
