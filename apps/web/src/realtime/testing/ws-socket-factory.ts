/** The browser client's SocketFactory over `ws`, for integration tests against the real realtime server. */
import { WebSocket } from "ws";
import { allowedOrigin } from "../../../../realtime/src/testing/test-server.ts";
import type { SocketFactory } from "../realtime-link.ts";

/** `observe` sees every frame's text and every close ("close <code>"), for a failing test's diagnostics. */
export function wsSocketFactory(observe?: (line: string) => void): SocketFactory {
  return (url, handlers) => {
    const socket = new WebSocket(url, { origin: allowedOrigin });
    socket.on("open", handlers.onOpen);
    socket.on("message", (data) => {
      const text = String(data);
      observe?.(text);
      handlers.onMessage(text);
    });
    socket.on("close", (code) => {
      observe?.(`close ${code}`);
      handlers.onClose(code);
    });
    socket.on("error", () => undefined); // a close follows
    return socket;
  };
}
