import type { PrismaClient } from "@parley/db/client";
import { logger } from "../logger.ts";
import { createPostgresFixedWindowLimiter, type FixedWindowLimiter, type FixedWindowRule } from "../rate-limit/fixed-window-limiter.ts";

/** 5 failed passwords per minute, per account and per client IP. */
export const LOGIN_FAILURE_RULE: FixedWindowRule = { limit: 5, windowMs: 60_000 };

const limiters = new WeakMap<PrismaClient, FixedWindowLimiter>();

/** One limiter per database client per process, so the in-memory fallback is shared by all requests. */
export function getLoginLimiter(db: PrismaClient): FixedWindowLimiter {
  let limiter = limiters.get(db);
  if (!limiter) {
    limiter = createPostgresFixedWindowLimiter({ db, rule: LOGIN_FAILURE_RULE, logger: logger.child({ component: "login-limiter" }) });
    limiters.set(db, limiter);
  }
  return limiter;
}
