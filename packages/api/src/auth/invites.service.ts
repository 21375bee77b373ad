/**
 * Invite links. The raw token is shown once to the admin who made it; only its
 * SHA-256 is stored, so a database leak does not leak working links.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Prisma, PrismaClient } from "@parley/db/client";
import { runInTransaction, type Actor } from "../core/database.ts";
import { parseInput } from "../core/input.ts";
import { DomainError } from "../errors.ts";
import type { Clock } from "../ports.ts";
import { membershipOf } from "../memberships/memberships.service.ts";
import { addMemberWithDefaultChannels, requireMembershipBySlug } from "../workspaces/workspaces.service.ts";
import { createInviteInputSchema, inviteTokenInputSchema, type CreateInviteInput, type InviteDescription, type InviteTokenInput } from "./auth.schema.ts";
import { consumeInvite, findInviteByTokenHash, insertInvite } from "./invites.repository.ts";

export interface InvitePorts {
  db: PrismaClient;
  clock: Clock;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function hashInviteToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export const invalidInviteError = () =>
  new DomainError("INVALID", "This invite link is invalid or has expired. Ask for a new one.", {
    inviteToken: "This invite link is invalid or has expired. Ask for a new one.",
  });

export async function createInvite(
  ports: InvitePorts,
  actor: Actor,
  rawInput: CreateInviteInput,
): Promise<{ token: string; expiresAt: Date; workspaceSlug: string }> {
  const input = parseInput(createInviteInputSchema, rawInput);
  const membership = await requireMembershipBySlug(ports, actor, input.workspaceSlug);
  if (membership.role !== "owner" && membership.role !== "admin") {
    throw new DomainError("FORBIDDEN", "Only workspace owners and admins can invite people.");
  }
  if (input.role === "admin" && membership.role !== "owner") {
    throw new DomainError("FORBIDDEN", "Only workspace owners can invite admins.");
  }
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(ports.clock.now().getTime() + input.expiresInDays * DAY_MS);
  await insertInvite(ports.db, {
    workspaceId: membership.workspace.id,
    tokenHash: hashInviteToken(token),
    role: input.role,
    createdById: actor.userId,
    expiresAt,
    maxUses: input.maxUses ?? null,
  });
  return { token, expiresAt, workspaceSlug: membership.workspace.slug };
}

/** What the invite page shows; anyone holding the link may ask. */
export async function describeInvite(ports: InvitePorts, rawInput: InviteTokenInput): Promise<InviteDescription> {
  const parsed = inviteTokenInputSchema.safeParse(rawInput);
  if (!parsed.success) return { status: "not_found" };
  const invite = await findInviteByTokenHash(ports.db, hashInviteToken(parsed.data.token));
  if (!invite) return { status: "not_found" };
  if (invite.revokedAt) return { status: "revoked" };
  if (invite.expiresAt <= ports.clock.now()) return { status: "expired" };
  if (invite.maxUses !== null && invite.useCount >= invite.maxUses) return { status: "used_up" };
  return { status: "valid", workspaceName: invite.workspace.name, workspaceSlug: invite.workspace.slug, expiresAt: invite.expiresAt };
}

/** Inside a transaction: use the invite and make `userId` a member. Throws INVALID when the invite is no good. */
export async function joinWorkspaceByInvite(
  tx: Prisma.TransactionClient,
  input: { userId: string; token: string; now: Date },
): Promise<{ workspaceSlug: string }> {
  const invite = await consumeInvite(tx, hashInviteToken(input.token), input.now);
  if (!invite) throw invalidInviteError();
  await addMemberWithDefaultChannels(tx, { workspaceId: invite.workspaceId, userId: input.userId, role: invite.role });
  return { workspaceSlug: invite.workspaceSlug };
}

/** A signed-in person follows an invite link. Already a member: nothing is used up. */
export async function acceptInvite(ports: InvitePorts, actor: Actor, rawInput: InviteTokenInput): Promise<{ workspaceSlug: string }> {
  const { token } = parseInput(inviteTokenInputSchema, rawInput);
  return runInTransaction(ports.db, async (tx) => {
    const invite = await findInviteByTokenHash(tx, hashInviteToken(token));
    if (!invite) throw invalidInviteError();
    const existing = await membershipOf(tx, invite.workspace.id, actor.userId);
    if (existing?.deactivatedAt) throw new DomainError("FORBIDDEN", "Your access to this workspace was removed. Ask an admin.");
    if (existing) return { workspaceSlug: invite.workspace.slug };
    return joinWorkspaceByInvite(tx, { userId: actor.userId, token, now: ports.clock.now() });
  });
}
