/**
 * The web app's configuration, validated once (instrumentation.ts calls
 * getWebEnv() at server start through server/startup.ts, so a bad value stops the server with a clear
 * message instead of failing the first request). Empty strings count as unset,
 * so a copied .env.example works.
 */
import "server-only";
import { z } from "zod";

// Outside production only: lets `npm run dev` and tests run with no configuration.
const DEVELOPMENT_NEXTAUTH_SECRET = "parley-development-nextauth-secret-not-for-production";

const optional = <Schema extends z.ZodType>(schema: Schema) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema.optional());

const webEnvSchema = z
  .object({
    NODE_ENV: optional(z.enum(["development", "production", "test"])),
    DATABASE_URL: z.string({ message: "DATABASE_URL is required (postgres://…)" }).url({ message: "DATABASE_URL must be a postgres:// URL" }),
    APP_URL: optional(z.string().url()),
    NEXTAUTH_URL: optional(z.string().url()),
    NEXTAUTH_SECRET: optional(z.string().min(32, { message: "NEXTAUTH_SECRET must be at least 32 characters" })),
    REALTIME_SECRET: optional(z.string().min(32, { message: "REALTIME_SECRET must be at least 32 characters" })),
    // Set: events go to realtime nodes over Redis; unset: over Postgres NOTIFY.
    REDIS_URL: optional(z.string().url({ message: "REDIS_URL must be a redis:// URL" })),
    PUBLIC_REALTIME_URL: optional(z.string().regex(/^wss?:\/\//, { message: "PUBLIC_REALTIME_URL must start with ws:// or wss://" })),
    GITHUB_ID: optional(z.string().max(200)),
    GITHUB_SECRET: optional(z.string().max(200)),
    OIDC_ISSUER: optional(z.string().url()),
    OIDC_CLIENT_ID: optional(z.string().max(500)),
    OIDC_CLIENT_SECRET: optional(z.string().max(2000)),
    OIDC_NAME: optional(z.string().max(40)),
    TRUST_PROXY: optional(z.enum(["true", "false", "1", "0"])),
  })
  .superRefine((env, context) => {
    if (env.NODE_ENV !== "production") return;
    if (!env.NEXTAUTH_SECRET) {
      context.addIssue({ code: "custom", path: ["NEXTAUTH_SECRET"], message: "NEXTAUTH_SECRET is required in production (openssl rand -base64 32)" });
    }
  })
  .transform((env) => ({
    isProduction: env.NODE_ENV === "production",
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    appUrl: env.APP_URL ?? env.NEXTAUTH_URL ?? "http://localhost:3000",
    nextAuthSecret: env.NEXTAUTH_SECRET ?? DEVELOPMENT_NEXTAUTH_SECRET,
    trustProxy: env.TRUST_PROXY === "true" || env.TRUST_PROXY === "1",
    github: env.GITHUB_ID && env.GITHUB_SECRET ? { clientId: env.GITHUB_ID, clientSecret: env.GITHUB_SECRET } : null,
    oidc:
      env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET
        ? {
            issuer: env.OIDC_ISSUER.replace(/\/+$/, ""),
            clientId: env.OIDC_CLIENT_ID,
            clientSecret: env.OIDC_CLIENT_SECRET,
            name: env.OIDC_NAME ?? "Single sign-on",
          }
        : null,
  }));

export type WebEnv = z.infer<typeof webEnvSchema>;

let cached: WebEnv | undefined;

export function getWebEnv(): WebEnv {
  if (cached) return cached;
  const parsed = webEnvSchema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`Invalid web configuration: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  cached = parsed.data;
  return cached;
}
