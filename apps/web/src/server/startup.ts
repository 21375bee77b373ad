import "server-only";
import { createConfiguredBus } from "@parley/api/bus/configured-bus";
import { logger } from "@parley/api/logger";
import { createProcessPorts, installProcessPorts } from "@parley/api/ports";
import { getWebEnv } from "../env.ts";
import { getDb } from "./db.ts";

/**
 * With a bad configuration, say why and exit rather than stay up answering
 * every request with an error.
 */
export function exitOnInvalidConfiguration(): void {
  try {
    getWebEnv();
  } catch (error) {
    // eslint-disable-next-line no-console -- the logger may itself be misconfigured; this must reach the operator
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}

/**
 * The bus the web app publishes on after each commit: it must reach the
 * realtime service, another process, so never the in-process default here
 * (Redis when REDIS_URL is set, else Postgres NOTIFY). A failure exits: a web
 * app whose events reach nobody would look healthy and deliver nothing live.
 */
export async function installEventBus(): Promise<void> {
  const env = getWebEnv();
  try {
    const { bus, kind } = await createConfiguredBus({ redisUrl: env.redisUrl, databaseUrl: env.databaseUrl, logger });
    // The process's ports (this bus, the send queue every request shares), on globalThis for every bundled copy.
    installProcessPorts(createProcessPorts({ db: getDb(), bus, logger }));
    logger.info({ bus: kind }, "event bus ready");
  } catch (error) {
    logger.fatal({ err: error }, "could not connect the event bus");
    process.exit(1);
  }
}
