/**
 * tRPC's building blocks for every router: superjson, one DomainError → TRPCError
 * mapping, an error shape forms can use (`code`, `fieldErrors`), a CSRF check on
 * mutations and `protectedProcedure` for signed-in callers.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import superjson from "superjson";
import type { ApiContext } from "./context.ts";
import { type ApiEnv, readApiEnv } from "./env.ts";
import { type DomainErrorCode, isDomainError } from "./errors.ts";

const trpcCodeByDomainCode: Record<DomainErrorCode, TRPC_ERROR_CODE_KEY> = {
  INVALID: "BAD_REQUEST",
  UNAUTHENTICATED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  UNAVAILABLE: "SERVICE_UNAVAILABLE",
};

interface SchemaIssue {
  path?: ReadonlyArray<PropertyKey | { key: PropertyKey }>;
  message: string;
}

function hasSchemaIssues(value: unknown): value is { issues: SchemaIssue[] } {
  return typeof value === "object" && value !== null && Array.isArray((value as { issues?: unknown }).issues);
}

/** First message per top-level field: what a form shows under each input. */
export function fieldErrorsFromIssues(issues: SchemaIssue[]): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of issues) {
    const first = issue.path?.[0];
    const key = first === undefined ? "input" : String(typeof first === "object" ? first.key : first);
    fieldErrors[key] ??= issue.message;
  }
  return fieldErrors;
}

let apiEnv: ApiEnv | undefined;
const settings = () => (apiEnv ??= readApiEnv());
const isProduction = () => settings().NODE_ENV === "production";

const t = initTRPC.context<ApiContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const schemaIssues = hasSchemaIssues(cause) ? cause.issues : null;
    const fieldErrors = isDomainError(cause) ? (cause.fieldErrors ?? null) : schemaIssues ? fieldErrorsFromIssues(schemaIssues) : null;
    let message = shape.message;
    if (schemaIssues) message = schemaIssues[0]?.message ?? "Invalid input";
    // Unexpected errors may carry SQL or internals: never show them outside development.
    if (error.code === "INTERNAL_SERVER_ERROR" && isProduction()) message = "Something went wrong. Try again.";
    return {
      ...shape,
      message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        domainCode: isDomainError(cause) ? cause.code : null,
        fieldErrors,
        ...(isProduction() ? {} : { stack: shape.data.stack }),
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * In tRPC v11 `next()` resolves to `{ ok: false, error }` instead of throwing;
 * `error.cause` is what the procedure threw.
 */
const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && isDomainError(result.error.cause)) {
    const cause = result.error.cause;
    throw new TRPCError({ code: trpcCodeByDomainCode[cause.code], message: cause.message, cause });
  }
  return result;
});

/** The only origin allowed to call mutations (scheme://host:port of APP_URL). */
export function appOrigin(): string {
  return new URL(settings().APP_URL).origin;
}

/**
 * CSRF: browsers always send Origin on cross-site and same-site POSTs, so a
 * mutation whose Origin is missing or foreign did not come from our pages.
 * Cookies are SameSite=Lax too; this is the second lock.
 */
const requireSameOriginForMutations = t.middleware(({ ctx, type, next }) => {
  if (type === "mutation" && ctx.origin !== appOrigin()) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Cross-site request refused." });
  }
  return next();
});

export const publicProcedure = t.procedure.use(mapDomainErrors).use(requireSameOriginForMutations);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});
