/**
 * Concurrent sends in one process share statements (group commit, see
 * batching/group-commit.ts): the sends submitted in one turn of the event
 * loop go out together in one statement; while SEND_STATEMENTS_IN_FLIGHT are
 * running, the sends arriving meanwhile go together into the next one. Each
 * keeps every guarantee of the single send (the statement is the same; see
 * send-statement.sql.ts), and messages of one batch to one conversation take
 * their seqs in arrival order. The statement also carries the outbox marks
 * queued meanwhile (bus/outbox-marks.ts).
 *
 * The queue is the process's (ServicePorts.sendQueue), created where the app
 * starts (createProcessPorts, ports.ts) next to the marks queue it drains.
 */
import type { PrismaClient } from "@parley/db/client";
import { createGroupCommit, fulfilled } from "../batching/group-commit.ts";
import type { OutboxMarkQueue } from "../bus/outbox-marks.ts";
import { insertMessages, type SendStatementResult } from "./messages.repository.ts";
import type { ClaimedMessage } from "./send-statement.sql.ts";

// One statement in flight per process: measured against 2 and 4, it gave the most sends/s and the least
// Postgres CPU per send (concurrent statements on the same conversations only queue on their row locks).
// Measured again with the sends of a turn gathered: 2 in flight gained 5% with 16 senders and lost 7% with
// 8; 2 or 3 in flight over disjoint conversations only made batches smaller.
const SEND_STATEMENTS_IN_FLIGHT = 1;
const MAX_SENDS_PER_STATEMENT = 100;

export interface SendQueue {
  /** Runs the send statement for one message, shared with the concurrent sends of this process. */
  submit(message: ClaimedMessage): Promise<SendStatementResult | null>;
}

export function createSendQueue(db: PrismaClient, outboxMarks: OutboxMarkQueue): SendQueue {
  return createGroupCommit<ClaimedMessage, SendStatementResult | null>({
    maxInFlight: SEND_STATEMENTS_IN_FLIGHT,
    maxBatch: MAX_SENDS_PER_STATEMENT,
    // A statement costs about 1.7 ms whatever it holds, and 0.2 ms per message (serial, on this 2-core box):
    // senders resuming in the same turn (a finished batch's, or a burst of socket reads) share the next one
    // instead of the first of them going out alone. Measured +25% sends/s with 8 senders, +5% with 16; the turn it
    // waits is the one that is ending.
    gatherWithinTurn: true,
    async execute(messages) {
      const marks = outboxMarks.takePending();
      try {
        return (await insertMessages(db, messages, marks)).map(fulfilled);
      } catch (error) {
        // The marks did not take: queue them again.
        if (marks) outboxMarks.markPublished(marks.ids, marks.publishedAt, marks.onError);
        if (messages.length === 1) throw error;
        // One message's failure (or a deadlock with some other transaction) must not fail the others:
        // alone, in arrival order, each gets its own answer.
        const outcomes: PromiseSettledResult<SendStatementResult | null>[] = [];
        for (const message of messages) {
          try {
            outcomes.push(fulfilled((await insertMessages(db, [message]))[0] ?? null));
          } catch (reason) {
            outcomes.push({ status: "rejected", reason });
          }
        }
        return outcomes;
      }
    },
  });
}

// Postgres plans a prepared statement afresh for its first 5 executions on a connection before it settles on the generic plan.
const CUSTOM_PLANS_BEFORE_GENERIC = 5;

/**
 * Opens `connections` pooled connections and runs the send statement on each
 * (with an empty batch, which writes nothing) until Postgres has settled on
 * its generic plan there. Without it, the first sends after a start paid for
 * new backends, catalog loading and planning: in the delivery benchmark the
 * first ~50 messages after a node started took 100–300 ms.
 */
export async function warmSendPath(db: PrismaClient, connections: number): Promise<void> {
  for (let round = 0; round <= CUSTOM_PLANS_BEFORE_GENERIC; round += 1) {
    await Promise.all(Array.from({ length: connections }, () => insertMessages(db, [])));
    // The statement of a batch that mentions someone is a second one (send-statement.sql.ts); a message to no
    // conversation runs it and writes nothing.
    await Promise.all(Array.from({ length: connections }, () => insertMessages(db, [mentioningNobodyAnywhere()])));
  }
}

const NO_ID = "00000000-0000-0000-0000-000000000000";

function mentioningNobodyAnywhere(): ClaimedMessage {
  const outbox = { topic: `conv:${NO_ID}`, payload: { type: "message.created", message: { id: "0", seq: 0, senderName: null } } };
  return {
    id: 0n,
    conversationId: NO_ID,
    senderId: NO_ID,
    clientMessageId: "warm-up",
    threadRootId: null,
    body: "@channel",
    createdAt: new Date(0),
    outbox,
    mentions: { handles: ["warm-up"], mentionsChannel: true, mentionsHere: false },
  };
}
