import { DEVELOPMENT_REALTIME_SECRET } from "@parley/api/env";
import { z } from "zod";

/** "https://a.example, http://localhost:3000" → normalized origins ("scheme://host[:port]"). */
const originListSchema = z.string().transform((value, context) => {
  const origins: string[] = [];
  for (const entry of value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)) {
    try {
      const url = new URL(entry);
      if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("not http(s)");
      origins.push(url.origin);
    } catch {
      context.addIssue({ code: "custom", message: `ALLOWED_ORIGINS: "${entry}" is not an http(s) origin` });
      return z.NEVER;
    }
  }
  return origins;
});

// An empty value counts as unset, so a copied .env.example (`REALTIME_SECRET=`) works.
const unsetIfEmpty = <Schema extends z.ZodType>(schema: Schema) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema.optional());

const realtimeServiceEnvSchema = z
  .object({
    NODE_ENV: z.string().default("development"),
    PORT: unsetIfEmpty(z.coerce.number().int().min(0).max(65_535)).transform((port) => port ?? 3001),
    // Loopback unless told otherwise: HOST=0.0.0.0 exposes it (the Docker image and compose set that).
    HOST: unsetIfEmpty(z.string()).transform((host) => host ?? "127.0.0.1"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    REALTIME_SECRET: unsetIfEmpty(z.string().min(32, { message: "REALTIME_SECRET must be at least 32 characters" })),
    APP_URL: unsetIfEmpty(z.string().url()).transform((url) => url ?? "http://localhost:3000"),
    // Unset → the web app's own origin (APP_URL), the only page that should open sockets.
    ALLOWED_ORIGINS: originListSchema.optional(),
    // Subscriptions, fan-out checks, sends and syncs all read Postgres.
    DATABASE_URL: unsetIfEmpty(z.string().url()),
    // Set: Redis pub/sub between nodes and Redis presence. Unset: Postgres NOTIFY (one node).
    REDIS_URL: unsetIfEmpty(z.string().url()),
  })
  .superRefine((env, context) => {
    if (!env.DATABASE_URL) {
      context.addIssue({ code: "custom", path: ["DATABASE_URL"], message: "DATABASE_URL is required (the realtime service checks membership in Postgres)" });
    }
    if (env.NODE_ENV === "production" && !env.REALTIME_SECRET) {
      context.addIssue({ code: "custom", path: ["REALTIME_SECRET"], message: "REALTIME_SECRET is required in production" });
    }
  })
  .transform((env) => ({
    isProduction: env.NODE_ENV === "production",
    port: env.PORT,
    host: env.HOST,
    logLevel: env.LOG_LEVEL,
    realtimeSecret: env.REALTIME_SECRET ?? DEVELOPMENT_REALTIME_SECRET,
    allowedOrigins: env.ALLOWED_ORIGINS && env.ALLOWED_ORIGINS.length > 0 ? env.ALLOWED_ORIGINS : [new URL(env.APP_URL).origin],
    databaseUrl: env.DATABASE_URL ?? "",
    redisUrl: env.REDIS_URL,
  }));

export type RealtimeServiceEnv = z.infer<typeof realtimeServiceEnvSchema>;

/** Reads and validates the service's settings once, at start-up. */
export function readRealtimeServiceEnv(source: NodeJS.ProcessEnv = process.env): RealtimeServiceEnv {
  const parsed = realtimeServiceEnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new Error(`Invalid realtime configuration: ${parsed.error.issues.map((i) => `${i.path.join(".") || "env"}: ${i.message}`).join("; ")}`);
  }
  return parsed.data;
}
