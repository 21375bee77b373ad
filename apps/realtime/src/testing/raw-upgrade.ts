import { randomBytes } from "node:crypto";
import { connect, type Socket } from "node:net";

/**
 * Completes a WebSocket handshake over a bare TCP socket and then never
 * answers anything: a client that ignores close frames and pings, the way a
 * stuck or half-open peer behaves.
 */
export function openUnresponsiveSocket(port: number): Promise<{ socket: Socket; received: () => Buffer }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, "127.0.0.1", () => {
      socket.write(
        [
          "GET / HTTP/1.1",
          `Host: 127.0.0.1:${port}`,
          "Upgrade: websocket",
          "Connection: Upgrade",
          `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}`,
          "Sec-WebSocket-Version: 13",
          "",
          "",
        ].join("\r\n"),
      );
    });
    socket.on("error", reject);
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      if (chunks.length === 1) {
        if (chunk.toString("latin1").startsWith("HTTP/1.1 101")) resolve({ socket, received: () => Buffer.concat(chunks) });
        else reject(new Error(`handshake failed: ${chunk.toString("latin1").split("\r\n")[0]}`));
      }
    });
  });
}
