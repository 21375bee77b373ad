/**
 * What a socket may follow, loaded when it authenticates and on its periodic
 * reconcile. After a node restart or a network blip thousands of sockets
 * authenticate at once: their loads share statements (group commit,
 * batching/group-commit.ts), one round trip for up to MAX_USERS_PER_LOAD.
 */
import type { PrismaClient } from "@parley/db/client";
import { createGroupCommit, fulfilled, groupCommitPerKey } from "../batching/group-commit.ts";
import { selectSocketAccess, type SocketAccess } from "./realtime-access.repository.ts";

const LOADS_IN_FLIGHT = 2;
const MAX_USERS_PER_LOAD = 500;

const accessQueueOf = groupCommitPerKey((db: PrismaClient) =>
  createGroupCommit<string, SocketAccess | null>({
    maxInFlight: LOADS_IN_FLIGHT,
    maxBatch: MAX_USERS_PER_LOAD,
    // They arrive in storms (a reconnect wave): one statement per turn of the event loop, not one per socket.
    gatherWithinTurn: true,
    async execute(userIds) {
      const access = await selectSocketAccess(db, [...new Set(userIds)]);
      return userIds.map((userId) => fulfilled(access.get(userId) ?? null));
    },
  }),
);

/** The user's name, whether they are still active, and the conversations they follow; null for an unknown user. */
export function loadSocketAccess(db: PrismaClient, userId: string): Promise<SocketAccess | null> {
  return accessQueueOf(db).submit(userId);
}
