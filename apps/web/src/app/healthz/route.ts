import { withRequestMetrics } from "../../server/metrics.ts";

/** Liveness: the process answers. Never touches dependencies, so a database outage does not restart web nodes. */
export const GET = withRequestMetrics("/healthz", () => Response.json({ status: "ok" }));
