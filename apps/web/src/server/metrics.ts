/** Prometheus metrics for /metrics: process defaults plus request counts. */
import "server-only";
import { collectDefaultMetrics, Counter, Registry } from "prom-client";

interface WebMetrics {
  registry: Registry;
  httpRequests: Counter<"route" | "method" | "status">;
}

const processGlobal = globalThis as typeof globalThis & { parleyMetrics?: WebMetrics };

export function getMetrics(): WebMetrics {
  if (!processGlobal.parleyMetrics) {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const httpRequests = new Counter({
      name: "parley_http_requests_total",
      help: "HTTP requests served by the web app's route handlers",
      labelNames: ["route", "method", "status"] as const,
      registers: [registry],
    });
    processGlobal.parleyMetrics = { registry, httpRequests };
  }
  return processGlobal.parleyMetrics;
}

/** Wraps a route handler so each response is counted under a fixed route label (never the raw path). */
export function withRequestMetrics<Args extends unknown[]>(
  route: string,
  handler: (request: Request, ...rest: Args) => Promise<Response> | Response,
): (request: Request, ...rest: Args) => Promise<Response> {
  return async (request, ...rest) => {
    let status = 500;
    try {
      const response = await handler(request, ...rest);
      status = response.status;
      return response;
    } finally {
      getMetrics().httpRequests.inc({ route, method: request.method, status: String(status) });
    }
  };
}
