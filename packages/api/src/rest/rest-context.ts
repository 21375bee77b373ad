import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@parley/db/client";
import { authenticateBearer } from "../access-tokens/access-tokens.service.ts";
import type { Actor } from "../core/database.ts";
import { logger as rootLogger, type Logger } from "../logger.ts";
import { portsFromContext, type ServicePorts } from "../ports.ts";
import { errorResponse } from "./http.ts";

/** What a REST handler needs; the route files pass the process-wide database, tests their own. */
export interface RestDependencies {
  db: PrismaClient;
  /** Defaults to the process-wide ports (in-process bus, id generator, limiter). */
  makePorts?: (context: { db: PrismaClient; logger: Logger }) => ServicePorts;
  logger?: Logger;
}

export interface RestRequestContext {
  actor: Actor;
  ports: ServicePorts;
  logger: Logger;
}

/**
 * Runs a REST handler: authenticates the bearer token (REST accepts only
 * personal access tokens, never session cookies, so cross-site requests carry
 * no credentials and need no CSRF check), builds ports, maps every error.
 */
export async function handleRest(request: Request, deps: RestDependencies, handler: (context: RestRequestContext) => Promise<Response>): Promise<Response> {
  const requestId = request.headers.get("x-request-id")?.slice(0, 64) || randomUUID();
  let logger = (deps.logger ?? rootLogger).child({ requestId });
  try {
    const actor = await authenticateBearer(deps.db, request.headers.get("authorization"));
    logger = logger.child({ userId: actor.userId, tokenId: actor.tokenId });
    const ports = (deps.makePorts ?? portsFromContext)({ db: deps.db, logger });
    return await handler({ actor: { userId: actor.userId }, ports, logger });
  } catch (error) {
    return errorResponse(error, logger);
  }
}
