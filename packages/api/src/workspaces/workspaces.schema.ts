import { z } from "zod";
import { entityIdSchema } from "@parley/protocol/events";
import { workspaceNameSchema } from "../auth/auth.schema.ts";
import { safeText } from "../conversations/conversations.schema.ts";

export const WORKSPACE_SLUG_MAX = 48;

export const workspaceSlugSchema = z
  .string()
  .min(1)
  .max(WORKSPACE_SLUG_MAX)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Not a workspace address");

export const workspaceSlugInputSchema = z.object({ slug: workspaceSlugSchema }).strict();
export type WorkspaceSlugInput = z.input<typeof workspaceSlugInputSchema>;

export const createWorkspaceInputSchema = z.object({ name: workspaceNameSchema }).strict();
export type CreateWorkspaceInput = z.input<typeof createWorkspaceInputSchema>;

export const listWorkspaceMembersInputSchema = z.strictObject({
  workspaceId: entityIdSchema,
  /** Part of a name or email; empty lists everyone (first page by name). */
  query: safeText(80).optional(),
  limit: z.number().int().min(1).max(50).default(20),
});
export type ListWorkspaceMembersInput = z.input<typeof listWorkspaceMembersInputSchema>;

export type WorkspaceRoleName = "owner" | "admin" | "member" | "guest";
export type ConversationKindName = "channel" | "private_channel" | "dm" | "group_dm";

export interface WorkspaceSummary {
  id: string;
  slug: string;
  name: string;
  role: WorkspaceRoleName;
}

/** One row of the sidebar, plus what the conversation header shows. */
export interface ConversationSummary {
  id: string;
  kind: ConversationKindName;
  /** Channel name without '#', or the other people's names for DMs. */
  displayName: string;
  topic: string;
  memberCount: number;
  /** lastSeq - lastReadSeq: messages the caller has not read. */
  unreadCount: number;
  /** Unread messages that mention the caller (or @channel/@here). */
  mentionCount: number;
  lastMessageAt: Date | null;
  /** DMs and group DMs: the other participants (empty for a DM with oneself and for channels). */
  otherMembers: Array<{ id: string; name: string }>;
}

/** One person in the workspace directory (DM picker, "Add people"). */
export interface WorkspaceMemberEntry {
  id: string;
  name: string;
  email: string;
  image: string | null;
  role: WorkspaceRoleName;
}

export interface WorkspaceShell {
  workspace: { id: string; slug: string; name: string };
  role: WorkspaceRoleName;
  me: { id: string; name: string; email: string };
  channels: ConversationSummary[];
  directMessages: ConversationSummary[];
}

/** Lowercase ASCII words joined by '-', for a workspace's URL. */
export function slugifyWorkspaceName(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, WORKSPACE_SLUG_MAX - 6)
    .replace(/-+$/g, "");
  return slug || "workspace";
}
