/**
 * Entry point of the realtime service (bundled to dist/server.mjs).
 * Configuration comes from the environment (env.ts); SIGTERM/SIGINT drain
 * sockets with 1012 so clients reconnect elsewhere, then exit.
 */
import { pino } from "pino";
import { readRealtimeServiceEnv } from "./env.ts";
import { startRealtimeServer } from "./realtime-server.ts";

const env = readRealtimeServiceEnv();
const logger = pino({ name: "parley-realtime", level: env.logLevel });

const server = await startRealtimeServer({
  port: env.port,
  host: env.host,
  secret: env.realtimeSecret,
  allowedOrigins: env.allowedOrigins,
  logger,
});
logger.info({ url: server.url, allowedOrigins: env.allowedOrigins, isProduction: env.isProduction }, "realtime service listening");

function stop(signal: NodeJS.Signals): void {
  logger.info({ signal }, "stopping");
  server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      logger.error({ err: error }, "shutdown failed");
      process.exit(1);
    },
  );
}
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
