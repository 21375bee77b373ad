/**
 * Property: whatever the interleaving of concurrent senders, retries with a
 * repeated clientMessageId (also fired twice at once) and edits, the stored
 * history equals what a sequential model predicts: one message per
 * (sender, clientMessageId), seqs 1..n without gaps, FIFO per sender, every
 * retry answered with the original {id, seq}, final text = last edit, one
 * edit-history row per effective edit, one event per effective change.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createChannel } from "../conversations/conversations.service.ts";
import { personaDatabaseForThisFile } from "../testing/persona-database.ts";
import { createTestPorts } from "../testing/personas.ts";
import { editMessage } from "./message-changes.service.ts";
import { listMessages } from "./message-history.service.ts";
import { sendMessage } from "./messages.service.ts";

const textArbitrary = fc
  .array(fc.constantFrom("a", "b", "z", " ", "é", "😀", "\n"), { minLength: 1, maxLength: 8 })
  .map((parts) => parts.join(""))
  .filter((text) => text.trim().length > 0);
const laneArbitrary = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant("send" as const), key: fc.integer({ min: 0, max: 4 }), copies: fc.constantFrom(1 as const, 2 as const) }),
    fc.record({ kind: fc.constant("edit" as const), key: fc.integer({ min: 0, max: 4 }), text: textArbitrary }),
  ),
  { maxLength: 10 },
);

const context = personaDatabaseForThisFile();
let runCounter = 0;

const sendBody = (lane: number, key: number) => `lane ${lane} key ${key}  `;

describe("send/retry/edit interleavings", () => {
  it("always match the sequential model", { timeout: 240_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.tuple(laneArbitrary, laneArbitrary, laneArbitrary), async (lanes) => {
        const run = (runCounter += 1);
        const ports = createTestPorts(context.database.prisma);
        const senders = [context.people.alice, context.people.bob, context.people.carol];
        const channel = await createChannel(
          ports,
          { userId: context.people.alice.userId },
          {
            workspaceId: context.people.workspaceId,
            name: `prop-${run}`,
            memberIds: [context.people.bob.userId, context.people.carol.userId],
          },
        );
        ports.bus.published.length = 0;

        // The model: per lane, sequentially.
        const expectedBody = new Map<string, string>(); // "lane/key" -> final body
        const expectedEdits = new Map<string, number>();
        const laneOrder: string[][] = lanes.map(() => []);
        // Observations.
        const acks = new Map<string, Set<string>>(); // "lane/key" -> {"id/seq"}

        await Promise.all(
          lanes.map(async (ops, lane) => {
            const actor = { userId: senders[lane]!.userId };
            const messageIds = new Map<number, string>();
            for (const op of ops) {
              const slot = `${lane}/${op.key}`;
              if (op.kind === "send") {
                const input = { conversationId: channel.id, clientMessageId: `r${run}-l${lane}-k${op.key}`, body: sendBody(lane, op.key) };
                const results = await Promise.all(Array.from({ length: op.copies }, () => sendMessage(ports, actor, input)));
                for (const result of results) {
                  const seen = acks.get(slot) ?? new Set();
                  seen.add(`${result.message.id}/${result.message.seq}`);
                  acks.set(slot, seen);
                  messageIds.set(op.key, result.message.id);
                }
                if (!expectedBody.has(slot)) {
                  expectedBody.set(slot, sendBody(lane, op.key).trimEnd());
                  expectedEdits.set(slot, 0);
                  laneOrder[lane]!.push(slot);
                }
              } else {
                const messageId = messageIds.get(op.key);
                if (!messageId) continue; // nothing to edit yet in this lane: skipped in model and reality alike
                await editMessage(ports, actor, { conversationId: channel.id, messageId, body: op.text });
                const next = op.text.trimEnd();
                if (expectedBody.get(slot) !== next) expectedEdits.set(slot, (expectedEdits.get(slot) ?? 0) + 1);
                expectedBody.set(slot, next);
              }
            }
          }),
        );

        // Every retry got the original answer.
        for (const seen of acks.values()) expect(seen.size).toBe(1);
        const slotBySeq = new Map<number, string>();
        for (const [slot, seen] of acks) slotBySeq.set(Number([...seen][0]!.split("/")[1]), slot);

        const history = await listMessages(ports, { userId: context.people.alice.userId }, { conversationId: channel.id, limit: 200 });
        const total = expectedBody.size;
        expect(history.messages.map((message) => message.seq)).toEqual(Array.from({ length: total }, (_, index) => index + 1));
        for (const message of history.messages) {
          const slot = slotBySeq.get(message.seq)!;
          expect(message.body).toBe(expectedBody.get(slot));
          expect(message.editedAt !== null).toBe((expectedEdits.get(slot) ?? 0) > 0);
          const editRows = await context.database.prisma.messageEdit.count({ where: { conversationId: channel.id, messageId: BigInt(message.id) } });
          expect(editRows).toBe(expectedEdits.get(slot));
        }
        // FIFO per sender: a lane's first sends got increasing seqs.
        for (const order of laneOrder) {
          const seqs = order.map((slot) => Number([...acks.get(slot)!][0]!.split("/")[1]));
          expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
        }
        const created = ports.bus.published.filter((entry) => entry.event.type === "message.created").length;
        const updated = ports.bus.published.filter((entry) => entry.event.type === "message.updated").length;
        expect(created).toBe(total);
        expect(updated).toBe([...expectedEdits.values()].reduce((sum, count) => sum + count, 0));
      }),
      { numRuns: 25 },
    );
  });
});
