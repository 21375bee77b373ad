import { createHash } from "node:crypto";
import { databaseForThisFile } from "@parley/db/testing/database";
import { beforeAll, describe, expect, it } from "vitest";
import type { Clock } from "../ports.ts";
import { signUp, type AuthPorts } from "./auth.service.ts";
import { acceptInvite, createInvite, describeInvite } from "./invites.service.ts";

const database = databaseForThisFile();
let clockNow = new Date("2026-04-01T09:00:00.000Z");
const clock: Clock = { now: () => clockNow };
let ports: AuthPorts;
const password = "correct horse battery";
let alice: { userId: string; workspaceSlug: string };
let bob: { userId: string };

beforeAll(async () => {
  ports = { db: database.prisma, clock };
  alice = await signUp(ports, { name: "Alice", email: "alice@example.com", password, workspaceName: "Acme" });
  const invite = await createInvite(ports, { userId: alice.userId }, { workspaceSlug: alice.workspaceSlug });
  bob = await signUp(ports, { name: "Bob", email: "bob@example.com", password, inviteToken: invite.token });
});

async function counts() {
  const [users, memberships] = await Promise.all([database.prisma.user.count(), database.prisma.membership.count()]);
  return { users, memberships };
}

describe("invites", () => {
  it("stores only the SHA-256 of the token and expires in 7 days by default", async () => {
    const invite = await createInvite(ports, { userId: alice.userId }, { workspaceSlug: alice.workspaceSlug });
    expect(invite.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(invite.expiresAt.getTime() - clockNow.getTime()).toBe(7 * 24 * 60 * 60 * 1000);
    const stored = await database.prisma.invite.findMany({ where: { tokenHash: { contains: invite.token } } });
    expect(stored).toHaveLength(0);
    const hash = createHash("sha256").update(invite.token).digest("hex");
    await expect(database.prisma.invite.findUnique({ where: { tokenHash: hash } })).resolves.toMatchObject({ role: "member" });
  });

  it("sign-up with an invite joins the workspace as a member of #general and #random, with no workspace of its own", async () => {
    const memberships = await database.prisma.membership.findMany({ where: { userId: bob.userId }, include: { workspace: true } });
    expect(memberships.map((m) => [m.workspace.slug, m.role])).toEqual([[alice.workspaceSlug, "member"]]);
    const channels = await database.prisma.participant.findMany({ where: { userId: bob.userId }, include: { conversation: true } });
    expect(channels.map((p) => p.conversation.name).sort()).toEqual(["general", "random"]);
  });

  it("lets only owners and admins invite", async () => {
    await expect(createInvite(ports, { userId: bob.userId }, { workspaceSlug: alice.workspaceSlug })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("refuses outsiders as if the workspace did not exist", async () => {
    const mallory = await signUp(ports, { name: "Mallory", email: "mallory@example.com", password, workspaceName: "Evil" });
    await expect(createInvite(ports, { userId: mallory.userId }, { workspaceSlug: alice.workspaceSlug })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("describes a valid invite with the workspace's name", async () => {
    const { token } = await createInvite(ports, { userId: alice.userId }, { workspaceSlug: alice.workspaceSlug });
    await expect(describeInvite(ports, { token })).resolves.toMatchObject({ status: "valid", workspaceName: "Acme", workspaceSlug: alice.workspaceSlug });
    await expect(describeInvite(ports, { token: "no-such-token" })).resolves.toEqual({ status: "not_found" });
    await expect(describeInvite(ports, { token: "../../etc/passwd" })).resolves.toEqual({ status: "not_found" });
  });

  it("refuses an expired invite, for sign-up and for a signed-in user, and stores nothing", async () => {
    const { token } = await createInvite(ports, { userId: alice.userId }, { workspaceSlug: alice.workspaceSlug, expiresInDays: 1 });
    clockNow = new Date(clockNow.getTime() + 24 * 60 * 60 * 1000 + 1);
    await expect(describeInvite(ports, { token })).resolves.toEqual({ status: "expired" });
    const before = await counts();
    await expect(signUp(ports, { name: "Late", email: "late@example.com", password, inviteToken: token })).rejects.toMatchObject({
      code: "INVALID",
      fieldErrors: { inviteToken: expect.stringMatching(/invalid or has expired/) },
    });
    const carol = await signUp(ports, { name: "Carol", email: "carol@example.com", password, workspaceName: "Carol's" });
    const afterCarol = await counts();
    await expect(acceptInvite(ports, { userId: carol.userId }, { token })).rejects.toMatchObject({ code: "INVALID" });
    expect(await counts()).toEqual(afterCarol);
    expect(afterCarol.users).toBe(before.users + 1);
  });

  it("refuses a revoked invite", async () => {
    const { token } = await createInvite(ports, { userId: alice.userId }, { workspaceSlug: alice.workspaceSlug });
    await database.prisma.invite.update({
      where: { tokenHash: createHash("sha256").update(token).digest("hex") },
      data: { revokedAt: clockNow },
    });
    await expect(describeInvite(ports, { token })).resolves.toEqual({ status: "revoked" });
    const before = await counts();
    await expect(signUp(ports, { name: "Dan", email: "dan@example.com", password, inviteToken: token })).rejects.toMatchObject({ code: "INVALID" });
    expect(await counts()).toEqual(before);
  });

  it("gives the last use of a limited invite to exactly one of two racing sign-ups", async () => {
    const { token } = await createInvite(ports, { userId: alice.userId }, { workspaceSlug: alice.workspaceSlug, maxUses: 1 });
    const results = await Promise.allSettled([
      signUp(ports, { name: "Erin", email: "erin@example.com", password, inviteToken: token }),
      signUp(ports, { name: "Frank", email: "frank@example.com", password, inviteToken: token }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    await expect(describeInvite(ports, { token })).resolves.toEqual({ status: "used_up" });
  });

  it("lets a signed-in user accept once; accepting again uses nothing up", async () => {
    const grace = await signUp(ports, { name: "Grace", email: "grace@example.com", password, workspaceName: "Grace's" });
    const { token } = await createInvite(ports, { userId: alice.userId }, { workspaceSlug: alice.workspaceSlug, maxUses: 1 });
    await expect(acceptInvite(ports, { userId: grace.userId }, { token })).resolves.toEqual({ workspaceSlug: alice.workspaceSlug });
    await expect(acceptInvite(ports, { userId: grace.userId }, { token })).resolves.toEqual({ workspaceSlug: alice.workspaceSlug });
    const membership = await database.prisma.membership.findFirst({ where: { userId: grace.userId, workspace: { slug: alice.workspaceSlug } } });
    expect(membership?.role).toBe("member");
  });

  it("only owners can invite admins", async () => {
    await database.prisma.membership.updateMany({ where: { userId: bob.userId }, data: { role: "admin" } });
    await expect(createInvite(ports, { userId: bob.userId }, { workspaceSlug: alice.workspaceSlug, role: "admin" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const inviteOf = (workspaceSlug: string) => ({
      workspaceSlug,
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) as unknown,
      expiresAt: expect.any(Date) as unknown,
    });
    await expect(createInvite(ports, { userId: bob.userId }, { workspaceSlug: alice.workspaceSlug })).resolves.toEqual(inviteOf(alice.workspaceSlug));
    await expect(createInvite(ports, { userId: alice.userId }, { workspaceSlug: alice.workspaceSlug, role: "admin" })).resolves.toEqual(
      inviteOf(alice.workspaceSlug),
    );
  });
});
