import { logger } from "@parley/api/logger";
import { getDb } from "../../server/db.ts";
import { withRequestMetrics } from "../../server/metrics.ts";

const READY_CHECK_TIMEOUT_MS = 2_000;

/** Readiness: Postgres answers `SELECT 1` in time; a load balancer stops sending traffic otherwise. */
export const GET = withRequestMetrics("/readyz", async () => {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      getDb().$queryRaw`SELECT 1`,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("database check timed out")), READY_CHECK_TIMEOUT_MS);
      }),
    ]);
    return Response.json({ status: "ready", database: "ok" });
  } catch (error) {
    logger.warn({ err: error }, "readiness check failed");
    return Response.json({ status: "unavailable", database: "unreachable" }, { status: 503 });
  } finally {
    clearTimeout(timer);
  }
});
