import "server-only";
import { createPrismaClient, type PrismaClient } from "@parley/db/client";
import { getWebEnv } from "../env.ts";

// One pool per server process; globalThis survives dev hot reloads and duplicate bundles.
const processGlobal = globalThis as typeof globalThis & { parleyDb?: PrismaClient };

export function getDb(): PrismaClient {
  processGlobal.parleyDb ??= createPrismaClient(getWebEnv().databaseUrl);
  return processGlobal.parleyDb;
}
