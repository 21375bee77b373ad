import fc from "fast-check";
import { messageViewAt } from "@parley/protocol/testing/message-view";
import { describe, expect, it } from "vitest";
import { DeliverySequencer, type MessageCreatedEvent } from "./delivery-sequencer.ts";

const conversationId = "2d4f6a8c-0000-4000-8000-00000000c0de";

const messageAt = (seq: number) => messageViewAt(conversationId, seq);

const created = (seq: number): MessageCreatedEvent => ({ type: "message.created", conversationId, message: messageAt(seq), clientMessageId: `c${seq}` });

/** A sequencer wired to a record of deliveries and of the syncs it asked for. */
function harness() {
  const delivered: number[] = [];
  const syncRequests: number[] = [];
  const link = { canSend: true };
  const sequencer = new DeliverySequencer({
    deliver: (event) => delivered.push(event.message.seq),
    requestSync: (_conversation, afterSeq) => {
      if (!link.canSend) return false;
      syncRequests.push(afterSeq);
      return true;
    },
  });
  return { sequencer, delivered, syncRequests, link };
}

describe("DeliverySequencer", () => {
  it("delivers in order and drops duplicates", () => {
    const { sequencer, delivered, syncRequests } = harness();
    sequencer.track(conversationId, 0);
    for (const seq of [1, 2, 2, 1, 3]) sequencer.onCreated(created(seq));
    expect(delivered).toEqual([1, 2, 3]);
    expect(syncRequests).toEqual([]);
  });

  it("a gap seen while no sync can be sent does not block the resync that follows", () => {
    const { sequencer, delivered, syncRequests, link } = harness();
    sequencer.track(conversationId, 300);
    link.canSend = false; // a new socket, not ready yet, already hearing live events
    sequencer.onCreated(created(305));
    expect(syncRequests).toEqual([]);
    link.canSend = true;
    sequencer.resyncAll(); // ready
    expect(syncRequests).toEqual([300]);
    sequencer.onCreated(created(306)); // held back while the sync is in flight
    sequencer.onSyncBatch(conversationId, [301, 302, 303, 304, 305].map(messageAt), false);
    expect(delivered).toEqual([301, 302, 303, 304, 305, 306]);
  });

  it("on a gap holds live events back, syncs from the last seq (exclusive), loops while hasMore, then replays", () => {
    const { sequencer, delivered, syncRequests } = harness();
    sequencer.track(conversationId, 2);
    sequencer.onCreated(created(6));
    sequencer.onCreated(created(7)); // arrives while the sync is in flight
    expect(syncRequests).toEqual([2]);
    expect(delivered).toEqual([]);

    sequencer.onSyncBatch(conversationId, [messageAt(3), messageAt(4)], true);
    expect(syncRequests).toEqual([2, 4]);
    sequencer.onSyncBatch(conversationId, [messageAt(5), messageAt(6)], false);
    expect(delivered).toEqual([3, 4, 5, 6, 7]);
  });

  it("resyncs every known conversation and ignores batches of syncs lost with the link", () => {
    const { sequencer, delivered, syncRequests } = harness();
    sequencer.track(conversationId, 4);
    sequencer.resyncAll();
    sequencer.linkDown();
    sequencer.onSyncBatch(conversationId, [messageAt(5)], false);
    expect(delivered).toEqual([]);
    sequencer.resyncAll();
    sequencer.onSyncBatch(conversationId, [messageAt(5)], false);
    expect(syncRequests).toEqual([4, 4]);
    expect(delivered).toEqual([5]);
  });

  it("ends with exactly 1..N in order whatever the network drops, repeats or reorders", () => {
    const fate = fc.record({ copies: fc.integer({ min: 0, max: 2 }), delay: fc.integer({ min: 0, max: 4 }) });
    fc.assert(
      fc.property(
        fc.array(fate, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 7 }),
        fc.array(fc.boolean(), { maxLength: 200 }),
        (fates, pageSize, answerNowTape) => {
          const { sequencer, delivered, syncRequests } = harness();
          sequencer.track(conversationId, 0);
          let committed = 0;
          let tape = 0;
          const inFlight: Array<{ at: number; seq: number }> = [];
          const answerSyncs = (all: boolean) => {
            while (syncRequests.length > 0 && (all || answerNowTape[tape++ % Math.max(1, answerNowTape.length)] !== false)) {
              const afterSeq = syncRequests.shift()!;
              const page = Array.from({ length: Math.max(0, Math.min(pageSize, committed - afterSeq)) }, (_, index) => messageAt(afterSeq + index + 1));
              sequencer.onSyncBatch(conversationId, page, afterSeq + page.length < committed);
            }
          };
          fates.forEach(({ copies, delay }, index) => {
            committed = index + 1;
            for (let copy = 0; copy < copies; copy += 1) inFlight.push({ at: index + delay + copy, seq: committed });
            inFlight.sort((a, b) => a.at - b.at);
            while (inFlight[0] && inFlight[0].at <= index) sequencer.onCreated(created(inFlight.shift()!.seq));
            answerSyncs(false);
          });
          for (const { seq } of inFlight.splice(0)) sequencer.onCreated(created(seq));
          answerSyncs(true);
          // A dropped tail shows no gap until the next event: the reconnect's resync catches it.
          sequencer.linkDown();
          sequencer.resyncAll();
          answerSyncs(true);
          expect(delivered).toEqual(Array.from({ length: fates.length }, (_, index) => index + 1));
        },
      ),
      { numRuns: 300 },
    );
  });
});
