import { type IncomingMessage, type ServerResponse } from "node:http";
import { type RealtimeMetrics } from "./metrics.ts";

export type ServerPhase = "starting" | "listening" | "shutting_down";

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text), "cache-control": "no-store" });
  response.end(text);
}

/**
 * Plain HTTP next to the socket endpoint: liveness (/healthz: the process
 * answers), readiness (/readyz: a load balancer may send new sockets here) and
 * Prometheus metrics. Everything else is 404; WebSocket upgrades never reach
 * this handler.
 */
export function createHttpHandler(phase: () => ServerPhase, metrics: RealtimeMetrics) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    const path = new URL(request.url ?? "/", "http://realtime.invalid").pathname;
    switch (path) {
      case "/healthz":
        sendJson(response, 200, { status: "ok" });
        return;
      case "/readyz": {
        const current = phase();
        sendJson(response, current === "listening" ? 200 : 503, { status: current === "listening" ? "ready" : current });
        return;
      }
      case "/metrics":
        metrics.registry.metrics().then(
          (text) => {
            response.writeHead(200, { "content-type": metrics.registry.contentType, "cache-control": "no-store" });
            response.end(text);
          },
          () => sendJson(response, 500, { status: "error" }),
        );
        return;
      default:
        sendJson(response, 404, { status: "not_found" });
    }
  };
}
