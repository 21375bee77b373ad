/**
 * syncMessages, the read behind a socket's `sync`: concurrent calls share one
 * statement (sync-batching.ts), and each still gets its own page or its own
 * refusal.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createChannel } from "../conversations/conversations.service.ts";
import { personaDatabaseForThisFile } from "../testing/persona-database.ts";
import { createTestPorts } from "../testing/personas.ts";
import { syncMessages } from "./message-history.service.ts";
import { sendMessage } from "./messages.service.ts";

const context = personaDatabaseForThisFile();

describe("syncMessages", () => {
  it("answers concurrent syncs each with its own page, and refuses each one that may not read", async () => {
    const ports = createTestPorts(context.database.prisma);
    const channel = await createChannel(
      ports,
      { userId: context.people.alice.userId },
      { workspaceId: context.people.workspaceId, name: "sync-room", isPrivate: false, memberIds: [context.people.bob.userId] },
    );
    for (let n = 1; n <= 5; n += 1)
      await sendMessage(ports, { userId: context.people.alice.userId }, { conversationId: channel.id, clientMessageId: `sync-${n}`, body: `message ${n}` });
    const sync = (userId: string, conversationId: string, afterSeq: number, limit = 200) =>
      syncMessages(ports, { userId }, { conversationId, afterSeq, limit }).then(
        (page) => ({ seqs: page.messages.map((message) => message.seq), hasMore: page.hasMore }),
        (error: { code?: string }) => error.code,
      );

    const answers = await Promise.all([
      sync(context.people.alice.userId, channel.id, 0, 2),
      sync(context.people.bob.userId, channel.id, 2),
      sync(context.people.bob.userId, channel.id, 5),
      sync(context.people.carol.userId, channel.id, 0),
      sync(context.people.oscar.userId, channel.id, 0),
      sync(context.people.alice.userId, randomUUID(), 0),
      sync(context.people.alice.userId, "not-an-id", 0),
      sync(context.people.alice.userId, channel.id, -1),
    ]);
    expect(answers).toEqual([
      { seqs: [1, 2], hasMore: true },
      { seqs: [3, 4, 5], hasMore: false },
      { seqs: [], hasMore: false },
      // Carol could preview the public channel over tRPC, but sockets sync participants only.
      "FORBIDDEN",
      "NOT_FOUND",
      "NOT_FOUND",
      "NOT_FOUND",
      "INVALID",
    ]);
  });
});
