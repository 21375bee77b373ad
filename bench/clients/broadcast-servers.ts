/**
 * Baseline servers (own process each), no persistence, no auth:
 *   socketio <port> <redisUrl>: Socket.IO with @socket.io/redis-adapter ("join" a room, "send" broadcasts to it across nodes);
 *   ws <port>: the ceiling, raw `ws` with in-memory rooms (one node: nothing to cross).
 * Frames carry { room, id, sentAt } opaque to the server.
 */
import { createServer } from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import { Redis } from "ioredis";
import { Server } from "socket.io";
import { WebSocket, WebSocketServer } from "ws";

const [kind, portArg, redisUrl] = process.argv.slice(2);
const port = Number(portArg);

if (kind === "socketio") {
  const publisher = new Redis(redisUrl as string);
  const subscriber = publisher.duplicate();
  const httpServer = createServer((_request, response) => response.end("ok"));
  const io = new Server(httpServer, { adapter: createAdapter(publisher, subscriber), transports: ["websocket"], perMessageDeflate: false });
  io.on("connection", (socket) => {
    socket.on("join", (room: string, done: () => void) => {
      void socket.join(room);
      done();
    });
    socket.on("send", (message: { room: string }) => io.to(message.room).emit("message", message));
  });
  httpServer.listen(port, "127.0.0.1", () => process.send?.({ type: "listening" }));
} else if (kind === "ws") {
  const rooms = new Map<string, Set<WebSocket>>();
  const httpServer = createServer((_request, response) => response.end("ok"));
  const server = new WebSocketServer({ server: httpServer, perMessageDeflate: false });
  server.on("connection", (socket) => {
    socket.on("message", (data) => {
      const text = String(data);
      const frame = JSON.parse(text) as { type: string; room: string };
      if (frame.type === "join") {
        const members = rooms.get(frame.room) ?? new Set<WebSocket>();
        members.add(socket);
        rooms.set(frame.room, members);
        socket.send('{"type":"joined"}');
      } else if (frame.type === "send") {
        for (const member of rooms.get(frame.room) ?? []) if (member.readyState === WebSocket.OPEN) member.send(text);
      }
    });
  });
  httpServer.listen(port, "127.0.0.1", () => process.send?.({ type: "listening" }));
} else {
  throw new Error(`unknown baseline server kind ${kind}`);
}
process.on("disconnect", () => process.exit(0));
