import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createChannel } from "../conversations/conversations.service.ts";
import { personaDatabaseForThisFile } from "../testing/persona-database.ts";
import { createTestPorts } from "../testing/personas.ts";
import { loadSocketAccess } from "./socket-access.ts";

const context = personaDatabaseForThisFile();

describe("loadSocketAccess", () => {
  it("answers many concurrent loads, each with its own user's conversations (active participant only), the deactivated and the unknown", async () => {
    const ports = createTestPorts(context.database.prisma);
    const team = await createChannel(
      ports,
      { userId: context.people.alice.userId },
      { workspaceId: context.people.workspaceId, name: "team", isPrivate: true, memberIds: [context.people.bob.userId, context.people.mallory.userId] },
    );
    const pair = await createChannel(
      ports,
      { userId: context.people.alice.userId },
      { workspaceId: context.people.workspaceId, name: "pair", isPrivate: false, memberIds: [context.people.carol.userId] },
    );
    // Mallory stays a participant of #team but is deactivated in its workspace: she follows nothing and is not active.
    await context.database.prisma.membership.update({
      where: { workspaceId_userId: { workspaceId: context.people.workspaceId, userId: context.people.mallory.userId } },
      data: { deactivatedAt: new Date() },
    });

    const asked = [
      context.people.alice,
      context.people.bob,
      context.people.carol,
      context.people.mallory,
      context.people.oscar,
      context.people.alice,
      context.people.bob,
    ].map((persona) => persona.userId);
    const unknown = randomUUID();
    const answers = await Promise.all([...asked, unknown].map((userId) => loadSocketAccess(context.database.prisma, userId)));
    const following = (index: number) => [...(answers[index]?.conversationIds ?? [])].sort();

    expect(answers[0]).toMatchObject({ name: context.people.alice.name, isActive: true });
    expect(following(0)).toEqual([team.id, pair.id].sort());
    expect(following(1)).toEqual([team.id]);
    expect(following(2)).toEqual([pair.id]);
    expect(answers[3]).toEqual({ name: context.people.mallory.name, isActive: false, conversationIds: [] });
    expect(answers[4]).toEqual({ name: context.people.oscar.name, isActive: true, conversationIds: [] });
    expect(answers[5]).toEqual(answers[0]);
    expect(answers[6]).toEqual(answers[1]);
    expect(answers[7]).toBeNull();
  });
});
