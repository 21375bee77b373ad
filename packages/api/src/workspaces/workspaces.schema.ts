import { z } from "zod";
import { workspaceNameSchema } from "../auth/auth.schema.ts";

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
  lastMessageAt: Date | null;
  /** DMs and group DMs: the other participants (empty for a DM with oneself and for channels). */
  otherMembers: Array<{ id: string; name: string }>;
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
