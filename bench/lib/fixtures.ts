/** Workspaces, users and channels for a scenario, created through the real services where they exist. */
import { randomUUID } from "node:crypto";
import { createChannel } from "@parley/api/conversations/conversations.service";
import type { ServicePorts } from "@parley/api/ports";
import type { PrismaClient } from "@parley/db/client";

export interface BenchWorkspace {
  workspaceId: string;
  userIds: string[];
}

/** A workspace whose first user is the owner and the rest members. */
export async function createBenchWorkspace(db: PrismaClient, userCount: number): Promise<BenchWorkspace> {
  const suffix = randomUUID().slice(0, 8);
  const workspace = await db.workspace.create({ data: { slug: `bench-${suffix}`, name: "Bench" }, select: { id: true } });
  const userIds: string[] = [];
  for (let index = 0; index < userCount; index += 1) {
    const user = await db.user.create({ data: { name: `Bench User ${index}`, email: `bench-${suffix}-${index}@example.test` }, select: { id: true } });
    await db.membership.create({ data: { workspaceId: workspace.id, userId: user.id, role: index === 0 ? "owner" : "member" } });
    userIds.push(user.id);
  }
  return { workspaceId: workspace.id, userIds };
}

/** A public channel created by the owner with every user of the workspace in it. */
export async function createBenchChannel(ports: ServicePorts, workspace: BenchWorkspace, name: string): Promise<string> {
  const [ownerId, ...memberIds] = workspace.userIds;
  if (!ownerId) throw new Error("a bench workspace needs at least one user");
  const channel = await createChannel(ports, { userId: ownerId }, { workspaceId: workspace.workspaceId, name, isPrivate: false, memberIds });
  return channel.id;
}
