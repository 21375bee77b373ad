import { randomUUID } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "@parley/db/testing/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChannel } from "../conversations/conversations.service.ts";
import { createPersonas, createTestPorts, type Personas } from "../conversations/testing/personas.ts";
import { loadSocketAccess } from "./socket-access.ts";

let database: TestDatabase;
let people: Personas;

beforeAll(async () => {
  database = await createTestDatabase();
  people = await createPersonas(database.prisma);
});
afterAll(async () => {
  await database?.drop();
});

describe("loadSocketAccess", () => {
  it("answers many concurrent loads, each with its own user's conversations (active participant only), the deactivated and the unknown", async () => {
    const ports = createTestPorts(database.prisma);
    const team = await createChannel(ports, { userId: people.alice.userId }, { workspaceId: people.workspaceId, name: "team", isPrivate: true, memberIds: [people.bob.userId, people.mallory.userId] });
    const pair = await createChannel(ports, { userId: people.alice.userId }, { workspaceId: people.workspaceId, name: "pair", isPrivate: false, memberIds: [people.carol.userId] });
    // Mallory stays a participant of #team but is deactivated in its workspace: she follows nothing and is not active.
    await database.prisma.membership.update({ where: { workspaceId_userId: { workspaceId: people.workspaceId, userId: people.mallory.userId } }, data: { deactivatedAt: new Date() } });

    const asked = [people.alice, people.bob, people.carol, people.mallory, people.oscar, people.alice, people.bob].map((persona) => persona.userId);
    const unknown = randomUUID();
    const answers = await Promise.all([...asked, unknown].map((userId) => loadSocketAccess(database.prisma, userId)));
    const following = (index: number) => [...(answers[index]?.conversationIds ?? [])].sort();

    expect(answers[0]).toMatchObject({ name: people.alice.name, isActive: true });
    expect(following(0)).toEqual([team.id, pair.id].sort());
    expect(following(1)).toEqual([team.id]);
    expect(following(2)).toEqual([pair.id]);
    expect(answers[3]).toEqual({ name: people.mallory.name, isActive: false, conversationIds: [] });
    expect(answers[4]).toEqual({ name: people.oscar.name, isActive: true, conversationIds: [] });
    expect(answers[5]).toEqual(answers[0]);
    expect(answers[6]).toEqual(answers[1]);
    expect(answers[7]).toBeNull();
  });
});
