import { z } from "zod";

const apiEnvSchema = z.object({
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // The web app's public URL: tRPC mutations are refused unless their Origin matches it (CSRF).
  APP_URL: z.string().url({ message: "APP_URL must be an http(s) URL" }).default("http://localhost:3000"),
  NODE_ENV: z.string().default("development"),
});

export type ApiEnv = z.infer<typeof apiEnvSchema>;

export function readApiEnv(source: NodeJS.ProcessEnv = process.env): ApiEnv {
  const parsed = apiEnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new Error(`Invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  return parsed.data;
}

// ---------- realtime tokens (web issues, realtime verifies) ----------

/**
 * Used only outside production, so `npm run dev` and tests work without
 * configuration. Production refuses to start the token procedure without a
 * real secret (see realtimeEnvSchema).
 */
export const DEVELOPMENT_REALTIME_SECRET = "parley-development-realtime-secret-not-for-production";
const DEVELOPMENT_REALTIME_URL = "ws://localhost:3001";

// An empty value counts as unset, so a copied .env.example (`REALTIME_SECRET=`) works.
const unsetIfEmpty = <Schema extends z.ZodType>(schema: Schema) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema.optional());

const realtimeEnvSchema = z
  .object({
    NODE_ENV: z.string().optional(),
    REALTIME_SECRET: unsetIfEmpty(z.string().min(32, { message: "REALTIME_SECRET must be at least 32 characters" })),
    PUBLIC_REALTIME_URL: unsetIfEmpty(
      z
        .string()
        .url()
        .refine((url) => /^wss?:\/\//.test(url), { message: "PUBLIC_REALTIME_URL must start with ws:// or wss://" }),
    ),
  })
  .superRefine((env, context) => {
    if (env.NODE_ENV !== "production") return;
    if (!env.REALTIME_SECRET) context.addIssue({ code: "custom", path: ["REALTIME_SECRET"], message: "REALTIME_SECRET is required in production" });
    if (!env.PUBLIC_REALTIME_URL) context.addIssue({ code: "custom", path: ["PUBLIC_REALTIME_URL"], message: "PUBLIC_REALTIME_URL is required in production" });
  })
  .transform((env) => ({
    REALTIME_SECRET: env.REALTIME_SECRET ?? DEVELOPMENT_REALTIME_SECRET,
    PUBLIC_REALTIME_URL: env.PUBLIC_REALTIME_URL ?? DEVELOPMENT_REALTIME_URL,
  }));

export type RealtimeEnv = z.infer<typeof realtimeEnvSchema>;

/**
 * Separate from readApiEnv so code that only logs (every module) does not
 * need the realtime secret; only the token procedure does.
 */
export function readRealtimeEnv(source: NodeJS.ProcessEnv = process.env): RealtimeEnv {
  const parsed = realtimeEnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new Error(`Invalid realtime configuration: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  return parsed.data;
}
