/**
 * Personas beyond the standing cast of personas.ts, for tests of who loses
 * access: a further member made for one test, and the two ways a member
 * lapses (deactivated, or removed from the workspace with participant rows
 * left behind). No service deactivates or removes members yet, so these write
 * the rows directly, as an admin tool or a SQL console would.
 */
import { randomUUID } from "node:crypto";
import type { PrismaClient, WorkspaceRole } from "@parley/db/client";
import type { Persona } from "./personas.ts";

/** A new user who is a member of `workspaceId` with `role`. */
export async function createPersona(db: PrismaClient, workspaceId: string, name: string, role: WorkspaceRole): Promise<Persona> {
  const email = `${name.split(" ")[0]?.toLowerCase() ?? "someone"}-${randomUUID().slice(0, 8)}@example.test`;
  const user = await db.user.create({ data: { name, email }, select: { id: true } });
  await db.membership.create({ data: { workspaceId, userId: user.id, role } });
  return { userId: user.id, name, email };
}

/** The membership stays, marked deactivated (its participant rows stay too). */
export async function deactivateMembership(db: PrismaClient, workspaceId: string, persona: Persona): Promise<void> {
  await db.membership.update({ where: { workspaceId_userId: { workspaceId, userId: persona.userId } }, data: { deactivatedAt: new Date() } });
}

/** The membership row goes; participant rows are left behind, as a careless removal would leave them. */
export async function removeMembership(db: PrismaClient, workspaceId: string, persona: Persona): Promise<void> {
  await db.membership.delete({ where: { workspaceId_userId: { workspaceId, userId: persona.userId } } });
}
