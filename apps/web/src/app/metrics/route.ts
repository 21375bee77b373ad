import { getMetrics } from "../../server/metrics.ts";

/** Prometheus text format. Not counted itself, so scrapes do not inflate request counts. */
export async function GET(): Promise<Response> {
  const { registry } = getMetrics();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType } });
}
