import { beforeEach, describe, expect, it } from "vitest";
import { conversationTopic } from "@parley/protocol/events";
import { archiveChannel } from "../conversations/channel-membership.service.ts";
import { as } from "../testing/callers.ts";
import { createTestChannel, sendAs } from "../testing/channels.ts";
import { personaDatabaseForThisFile } from "../testing/persona-database.ts";
import { createTestPorts, type TestPorts } from "../testing/personas.ts";
import { deleteMessage, editMessage } from "./message-changes.service.ts";
import { listMessages } from "./message-history.service.ts";

const context = personaDatabaseForThisFile();
let ports: TestPorts;

beforeEach(() => {
  ports = createTestPorts(context.database.prisma);
});

async function channelWithMessage(options: { isPrivate?: boolean; author?: { userId: string } } = {}) {
  const channel = await createTestChannel(ports, context.people, {
    isPrivate: options.isPrivate ?? false,
    members: [context.people.bob, context.people.carol],
  });
  const sent = await sendAs(ports, options.author ?? context.people.bob, channel.id, "first draft");
  ports.bus.published.length = 0;
  return { conversationId: channel.id, messageId: sent.message.id, seq: sent.message.seq };
}

/** Just the message's address: inputs are strict and refuse extra keys. */
const ref = (target: { conversationId: string; messageId: string }) => ({ conversationId: target.conversationId, messageId: target.messageId });

async function storedMessage(conversationId: string, messageId: string) {
  return context.database.prisma.message.findUniqueOrThrow({ where: { conversationId_id: { conversationId, id: BigInt(messageId) } } });
}

describe("editMessage", () => {
  it("lets the author edit, keeps the previous text and publishes message.updated", async () => {
    const target = await channelWithMessage();
    const { message } = await editMessage(ports, as(context.people.bob), { ...ref(target), body: "second draft @channel" });
    expect(message).toMatchObject({ id: target.messageId, seq: target.seq, body: "second draft @channel", isDeleted: false });
    expect(message.editedAt).not.toBeNull();
    await editMessage(ports, as(context.people.bob), { ...ref(target), body: "final" });
    const edits = await context.database.prisma.messageEdit.findMany({ where: { messageId: BigInt(target.messageId) }, orderBy: { id: "asc" } });
    expect(edits.map((edit) => edit.previousBody)).toEqual(["first draft", "second draft @channel"]);
    // Mentions follow the current text.
    expect(await context.database.prisma.mention.count({ where: { messageId: BigInt(target.messageId) } })).toBe(0);
    expect(ports.bus.published.map((entry) => [entry.topic, entry.event.type])).toEqual([
      [conversationTopic(target.conversationId), "message.updated"],
      [conversationTopic(target.conversationId), "message.updated"],
    ]);
  });

  it("treats an edit to the same text as a no-op", async () => {
    const target = await channelWithMessage();
    await editMessage(ports, as(context.people.bob), { ...ref(target), body: "first draft   " });
    expect((await storedMessage(target.conversationId, target.messageId)).editedAt).toBeNull();
    expect(ports.bus.published).toEqual([]);
  });

  it("refuses other people (even admins), outsiders, deleted messages and archived channels, changing nothing", async () => {
    const target = await channelWithMessage();
    const secret = await channelWithMessage({ isPrivate: true });
    const before = await storedMessage(target.conversationId, target.messageId);
    await expect(editMessage(ports, as(context.people.alice), { ...ref(target), body: "hijack" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(editMessage(ports, as(context.people.dave), { ...ref(target), body: "hijack" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(editMessage(ports, as(context.people.mallory), { ...ref(secret), body: "hijack" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(editMessage(ports, as(context.people.bob), { ...ref(target), messageId: "42", body: "nope" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(editMessage(ports, as(context.people.bob), { ...ref(target), body: "" })).rejects.toMatchObject({ code: "INVALID" });
    expect(await storedMessage(target.conversationId, target.messageId)).toEqual(before);

    await deleteMessage(ports, as(context.people.bob), ref(target));
    await expect(editMessage(ports, as(context.people.bob), { ...ref(target), body: "resurrect" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const archived = await channelWithMessage({ author: as(context.people.alice) });
    await archiveChannel(ports, as(context.people.alice), { conversationId: archived.conversationId });
    await expect(editMessage(ports, as(context.people.alice), { ...ref(archived), body: "late" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await context.database.prisma.messageEdit.count({ where: { messageId: { in: [BigInt(target.messageId), BigInt(archived.messageId)] } } })).toBe(0);
  });
});

describe("deleteMessage", () => {
  it("tombstones the author's message, erases its text and history, and publishes message.deleted once", async () => {
    const target = await channelWithMessage();
    await editMessage(ports, as(context.people.bob), { ...ref(target), body: "secret second draft" });
    ports.bus.published.length = 0;
    await expect(deleteMessage(ports, as(context.people.bob), ref(target))).resolves.toEqual({ messageId: target.messageId, seq: target.seq, isDeleted: true });
    await expect(deleteMessage(ports, as(context.people.bob), ref(target))).resolves.toMatchObject({ isDeleted: true });
    const stored = await storedMessage(target.conversationId, target.messageId);
    expect(stored.body).toBe("");
    expect(stored.deletedAt).not.toBeNull();
    expect(await context.database.prisma.messageEdit.count({ where: { messageId: BigInt(target.messageId) } })).toBe(0);
    expect(ports.bus.published).toEqual([
      {
        topic: conversationTopic(target.conversationId),
        event: { type: "message.deleted", conversationId: target.conversationId, messageId: target.messageId, seq: target.seq },
      },
    ]);
    const page = await listMessages(ports, as(context.people.alice), { conversationId: target.conversationId });
    expect(page.messages).toMatchObject([{ seq: target.seq, body: "", isDeleted: true, editedAt: null }]);
  });

  it("lets a workspace admin delete someone else's message", async () => {
    const target = await channelWithMessage();
    await expect(deleteMessage(ports, as(context.people.dave), ref(target))).resolves.toMatchObject({ isDeleted: true });
  });

  it("refuses other members and outsiders, changing nothing", async () => {
    const target = await channelWithMessage();
    const secret = await channelWithMessage({ isPrivate: true });
    await expect(deleteMessage(ports, as(context.people.carol), ref(target))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(deleteMessage(ports, as(context.people.mallory), ref(target))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(deleteMessage(ports, as(context.people.mallory), ref(secret))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deleteMessage(ports, as(context.people.oscar), ref(target))).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await storedMessage(target.conversationId, target.messageId)).deletedAt).toBeNull();
    expect((await storedMessage(secret.conversationId, secret.messageId)).deletedAt).toBeNull();
    expect(ports.bus.published).toEqual([]);
  });
});
