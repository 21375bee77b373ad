import { databaseForThisFile } from "@parley/db/testing/database";
import { beforeAll, describe, expect, it } from "vitest";
import { signUp } from "../auth/auth.service.ts";
import { createInvite } from "../auth/invites.service.ts";
import { systemClock } from "../ports.ts";
import { createWorkspace, getWorkspaceShell, listMyWorkspaces } from "./workspaces.service.ts";

const database = databaseForThisFile();
const password = "correct horse battery";
let alice: { userId: string; workspaceSlug: string };
let bob: { userId: string };
let mallory: { userId: string; workspaceSlug: string };

beforeAll(async () => {
  const ports = { db: database.prisma, clock: systemClock };
  alice = await signUp(ports, { name: "Alice", email: "alice@example.com", password, workspaceName: "Acme" });
  // #general already has 7 messages when Bob joins.
  await database.prisma.conversation.updateMany({ where: { workspace: { slug: alice.workspaceSlug }, name: "general" }, data: { lastSeq: 7n } });
  const { token } = await createInvite(ports, { userId: alice.userId }, { workspaceSlug: alice.workspaceSlug });
  bob = await signUp(ports, { name: "Bob", email: "bob@example.com", password, inviteToken: token });
  mallory = await signUp(ports, { name: "Mallory", email: "mallory@example.com", password, workspaceName: "Evil Corp" });

  const workspace = await database.prisma.workspace.findUniqueOrThrow({ where: { slug: alice.workspaceSlug } });
  // A DM between Alice and Bob with 3 messages' worth of seq, 1 read by Alice.
  await database.prisma.conversation.create({
    data: {
      workspaceId: workspace.id,
      kind: "dm",
      dmKey: [alice.userId, bob.userId].sort().join(":"),
      lastSeq: 3n,
      lastMessageAt: new Date(),
      participants: {
        create: [
          { userId: alice.userId, lastReadSeq: 1n },
          { userId: bob.userId, lastReadSeq: 3n },
        ],
      },
    },
  });
  // A private channel without Alice: she must not see it.
  await database.prisma.conversation.create({
    data: { workspaceId: workspace.id, kind: "private_channel", name: "secret", participants: { create: [{ userId: bob.userId }] } },
  });
});

describe("workspaces.shell", () => {
  it("shows a member their channels with unread counts and member counts, and their DMs by the other person's name", async () => {
    const shell = await getWorkspaceShell({ db: database.prisma }, { userId: alice.userId }, { slug: alice.workspaceSlug });
    expect(shell.workspace).toMatchObject({ slug: alice.workspaceSlug, name: "Acme" });
    expect(shell.role).toBe("owner");
    expect(shell.me).toMatchObject({ id: alice.userId, name: "Alice" });
    expect(shell.channels.map((c) => [c.displayName, c.memberCount, c.unreadCount])).toEqual([
      ["general", 2, 7],
      ["random", 2, 0],
    ]);
    expect(shell.directMessages).toEqual([
      expect.objectContaining({ kind: "dm", displayName: "Bob", memberCount: 2, unreadCount: 2, otherMembers: [{ id: bob.userId, name: "Bob" }] }),
    ]);
  });

  it("starts an invited member with the history before they joined counted as read", async () => {
    const shell = await getWorkspaceShell({ db: database.prisma }, { userId: bob.userId }, { slug: alice.workspaceSlug });
    expect(shell.role).toBe("member");
    expect(shell.channels.map((c) => [c.displayName, c.kind, c.unreadCount])).toEqual([
      ["general", "channel", 0],
      ["random", "channel", 0],
      ["secret", "private_channel", 0],
    ]);
  });

  it("refuses an outsider (mallory) as if the workspace did not exist", async () => {
    const guard = await database.prisma.workspace.count({ where: { slug: alice.workspaceSlug } });
    expect(guard, "the workspace must exist for this test to mean anything").toBe(1);
    await expect(getWorkspaceShell({ db: database.prisma }, { userId: mallory.userId }, { slug: alice.workspaceSlug })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(getWorkspaceShell({ db: database.prisma }, { userId: mallory.userId }, { slug: "no-such-workspace" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringContaining("does not exist or you are not a member"),
    });
  });

  it("refuses a deactivated member", async () => {
    await database.prisma.membership.updateMany({ where: { userId: bob.userId }, data: { deactivatedAt: new Date() } });
    try {
      await expect(getWorkspaceShell({ db: database.prisma }, { userId: bob.userId }, { slug: alice.workspaceSlug })).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      await expect(listMyWorkspaces({ db: database.prisma }, { userId: bob.userId })).resolves.toEqual([]);
    } finally {
      await database.prisma.membership.updateMany({ where: { userId: bob.userId }, data: { deactivatedAt: null } });
    }
  });

  it("refuses a malformed slug as invalid input", async () => {
    await expect(getWorkspaceShell({ db: database.prisma }, { userId: alice.userId }, { slug: "../Acme" })).rejects.toMatchObject({ code: "INVALID" });
  });
});

describe("workspaces.listMine / create", () => {
  it("lists only the caller's workspaces, oldest membership first", async () => {
    const created = await createWorkspace({ db: database.prisma }, { userId: mallory.userId }, { name: "Acme" });
    expect(created.slug).toBe("acme-2");
    const mine = await listMyWorkspaces({ db: database.prisma }, { userId: mallory.userId });
    expect(mine.map((w) => [w.slug, w.role])).toEqual([
      [mallory.workspaceSlug, "owner"],
      ["acme-2", "owner"],
    ]);
  });
});
