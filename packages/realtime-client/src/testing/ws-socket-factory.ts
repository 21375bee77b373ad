/** The browser client's SocketFactory over `ws`, for integration tests and the bench against a real realtime server. */
import { WebSocket } from "ws";
import type { SocketFactory } from "../realtime-link.ts";

export interface WsSocketFactoryOptions {
  /** The Origin header a browser would send; the server refuses origins it does not allow. */
  origin: string;
  /** Sees every frame's text and every close ("close <code>"), for a failing test's diagnostics. */
  observe?: (line: string) => void;
}

export function wsSocketFactory({ origin, observe }: WsSocketFactoryOptions): SocketFactory {
  return (url, handlers) => {
    const socket = new WebSocket(url, { origin });
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
