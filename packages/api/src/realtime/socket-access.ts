/**
 * The realtime server's access questions, answered by the one rule of
 * conversations/access-rule.sql.ts: what a socket may follow (loaded when it
 * authenticates and on its periodic reconcile), who may receive a
 * conversation's events (the fan-out check) and whose presence a user may see.
 *
 * After a node restart or a network blip thousands of sockets authenticate at
 * once: their loads share statements (group commit, batching/group-commit.ts),
 * one round trip for up to MAX_USERS_PER_LOAD.
 */
import type { PrismaClient } from "@parley/db/client";
import { createGroupCommit, fulfilled, groupCommitPerKey } from "../batching/group-commit.ts";
import type { ServicePorts } from "../ports.ts";
import { selectActiveParticipants, selectSocketAccess, selectUsersVisibleTo, type SocketAccess } from "./realtime-access.repository.ts";

export type { SocketAccess } from "./realtime-access.repository.ts";

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

/** The fan-out check: which of `userIds` take part in the conversation right now, so may receive its events. */
export function receiversAmong(ports: Pick<ServicePorts, "db">, conversationId: string, userIds: readonly string[]): Promise<Set<string>> {
  return selectActiveParticipants(ports.db, conversationId, userIds);
}

/** Which of `userIds` share an active workspace with the viewer: whose presence the viewer may see. */
export function presenceVisibleAmong(ports: Pick<ServicePorts, "db">, viewerId: string, userIds: readonly string[]): Promise<Set<string>> {
  return selectUsersVisibleTo(ports.db, viewerId, userIds);
}
