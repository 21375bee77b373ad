import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.ts";

export { PrismaClient };
export type * from "./generated/prisma/client.ts";
export { Prisma } from "./generated/prisma/client.ts";

/** One Prisma client over node-postgres; callers own its lifetime ($disconnect). */
export function createPrismaClient(connectionString: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
}
