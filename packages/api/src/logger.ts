import pino from "pino";
import { readApiEnv } from "./env.ts";

/** Structured JSON logs; child loggers carry request/connection ids. */
export const logger = pino({
  name: "parley",
  level: readApiEnv().LOG_LEVEL,
  redact: ["password", "*.password", "token", "*.token", "authorization", "*.authorization"],
});

export type Logger = typeof logger;
