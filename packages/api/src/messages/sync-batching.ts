/**
 * Resync reads share statements (group commit, batching/group-commit.ts):
 * after a reconnect storm thousands of sockets send `sync` within a second,
 * and each used to cost two round trips (access row, then the page). Now up
 * to MAX_SYNCS_PER_STATEMENT of them go in one (selectSyncPages).
 */
import type { PrismaClient } from "@parley/db/client";
import { createGroupCommit, fulfilled, groupCommitPerKey } from "../batching/group-commit.ts";
import { selectSyncPages, type SyncPage, type SyncPageRequest } from "./messages.repository.ts";

// Reads take no locks: two in flight overlap Node's and Postgres's work.
const SYNC_STATEMENTS_IN_FLIGHT = 2;
const MAX_SYNCS_PER_STATEMENT = 200;

const syncQueueOf = groupCommitPerKey((db: PrismaClient) =>
  createGroupCommit<SyncPageRequest, SyncPage>({
    maxInFlight: SYNC_STATEMENTS_IN_FLIGHT,
    maxBatch: MAX_SYNCS_PER_STATEMENT,
    // They arrive in storms (a reconnect wave): one statement per turn of the event loop, not one per socket.
    gatherWithinTurn: true,
    execute: async (requests) => (await selectSyncPages(db, requests)).map(fulfilled),
  }),
);

/** One resync page, read together with the other syncs of this process that arrive meanwhile. */
export function readSyncPage(db: PrismaClient, request: SyncPageRequest): Promise<SyncPage> {
  return syncQueueOf(db).submit(request);
}
