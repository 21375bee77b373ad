import { z } from "zod";
import { conversationKindSchema, entityIdSchema, messageIdStringSchema, seqSchema } from "@parley/protocol/events";

// ---------- building blocks ----------

export const CHANNEL_NAME_MAX = 80;
export const TOPIC_MAX = 250;
export const GROUP_DM_MAX_OTHERS = 8;

// NUL breaks Postgres text; lone surrogates are not valid Unicode (and not valid UTF-8 on the way out).
// eslint-disable-next-line no-control-regex
const hasNul = (value: string) => /\u0000/.test(value);
const hasLoneSurrogate = (value: string) => /\p{Cs}/u.test(value);
// Bidi overrides/isolates and zero-width characters make names that look alike but differ.
const invisibleOrBidi = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;

/** Well-formed text without NUL; for every free-text field. */
export function safeText(maxChars: number) {
  return z
    .string()
    .max(maxChars, `Must be at most ${maxChars} characters`)
    .refine((value) => !hasNul(value), "Must not contain NUL characters")
    .refine((value) => !hasLoneSurrogate(value), "Must be valid Unicode text");
}

/**
 * Slack's rules: lowercase letters, digits, hyphens and underscores, 1-80
 * characters. We normalize what a person would type (NFKC, case, a leading
 * '#', spaces → '-') and reject the rest with a message saying the rule.
 */
export function normalizeChannelName(raw: string): string {
  return raw.normalize("NFKC").trim().replace(/^#/, "").toLowerCase().replace(/\s+/g, "-");
}

export const channelNameSchema = z
  .string()
  .max(200, "Channel names must be 80 characters or fewer")
  .transform(normalizeChannelName)
  .refine((name) => name.length > 0, "Channel names can't be empty")
  .refine((name) => name.length <= CHANNEL_NAME_MAX, "Channel names must be 80 characters or fewer")
  .refine((name) => /^[a-z0-9_-]+$/.test(name), "Channel names can only contain lowercase letters, numbers, hyphens and underscores");

const topicSchema = safeText(TOPIC_MAX * 2)
  .transform((value) => value.normalize("NFC").trim())
  .refine((value) => value.length <= TOPIC_MAX, `Must be at most ${TOPIC_MAX} characters`)
  .refine((value) => !invisibleOrBidi.test(value), "Must not contain invisible or direction-changing characters");

const userIdListSchema = z.array(entityIdSchema).max(100, "At most 100 people at a time");

// ---------- inputs ----------

export const createChannelInputSchema = z.strictObject({
  workspaceId: entityIdSchema,
  name: channelNameSchema,
  isPrivate: z.boolean().default(false),
  topic: topicSchema.optional(),
  purpose: topicSchema.optional(),
  memberIds: userIdListSchema.optional(),
});
export type CreateChannelInput = z.input<typeof createChannelInputSchema>;

export const conversationIdInputSchema = z.strictObject({ conversationId: entityIdSchema });
export type ConversationIdInput = z.input<typeof conversationIdInputSchema>;

export const browseChannelsInputSchema = z.strictObject({
  workspaceId: entityIdSchema,
  query: safeText(80).optional(),
  includeArchived: z.boolean().default(false),
  limit: z.number().int().min(1).max(200).default(100),
});
export type BrowseChannelsInput = z.input<typeof browseChannelsInputSchema>;

export const inviteMembersInputSchema = z.strictObject({
  conversationId: entityIdSchema,
  userIds: userIdListSchema.min(1, "Pick at least one person"),
});
export type InviteMembersInput = z.input<typeof inviteMembersInputSchema>;

export const listMembersInputSchema = z.strictObject({
  conversationId: entityIdSchema,
  limit: z.number().int().min(1).max(1000).default(500),
});
export type ListMembersInput = z.input<typeof listMembersInputSchema>;

export const setTopicInputSchema = z.strictObject({ conversationId: entityIdSchema, topic: topicSchema });
export type SetTopicInput = z.input<typeof setTopicInputSchema>;

export const setPurposeInputSchema = z.strictObject({ conversationId: entityIdSchema, purpose: topicSchema });
export type SetPurposeInput = z.input<typeof setPurposeInputSchema>;

export const openDirectMessageInputSchema = z.strictObject({
  workspaceId: entityIdSchema,
  /** The other people (the caller is added automatically): 1 → DM, 2–8 → group DM, only yourself → a self-DM. */
  userIds: z
    .array(entityIdSchema)
    .min(1, "Pick at least one person")
    .max(GROUP_DM_MAX_OTHERS + 1),
});
export type OpenDirectMessageInput = z.input<typeof openDirectMessageInputSchema>;

export const listConversationsInputSchema = z.strictObject({
  workspaceId: entityIdSchema,
  /** Opaque cursor from a previous page's nextCursor. */
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(500).default(200),
});
export type ListConversationsInput = z.input<typeof listConversationsInputSchema>;

// ---------- outputs ----------

export const memberPreviewSchema = z.object({ id: entityIdSchema, name: z.string(), image: z.string().nullable() });
export type MemberPreview = z.infer<typeof memberPreviewSchema>;

export const conversationMemberSchema = z.object({
  id: entityIdSchema,
  name: z.string(),
  image: z.string().nullable(),
  /** "owner" for a channel's creator, else "member". */
  role: z.enum(["owner", "member"]),
  /** Workspace admins and owners (shown as a label in the member list). */
  isWorkspaceAdmin: z.boolean(),
});
export type ConversationMember = z.infer<typeof conversationMemberSchema>;

export const conversationMembersSchema = z.object({
  members: z.array(conversationMemberSchema),
  /** More members exist than `limit` returned (the header's memberCount is the total). */
  hasMore: z.boolean(),
});
export type ConversationMembers = z.infer<typeof conversationMembersSchema>;

export const lastMessagePreviewSchema = z.object({
  id: messageIdStringSchema,
  seq: seqSchema,
  senderId: entityIdSchema.nullable(),
  senderName: z.string().nullable(),
  /** At most 200 characters; empty for deleted messages. */
  bodyPreview: z.string(),
  isDeleted: z.boolean(),
  createdAt: z.string(),
});

export const conversationSummarySchema = z.object({
  id: entityIdSchema,
  workspaceId: entityIdSchema,
  kind: conversationKindSchema,
  /** Channel name without '#', or for DMs the other people's names joined. */
  title: z.string(),
  name: z.string().nullable(),
  topic: z.string(),
  isArchived: z.boolean(),
  lastSeq: seqSchema,
  lastReadSeq: seqSchema,
  unreadCount: z.number().int().nonnegative(),
  mentionCount: z.number().int().nonnegative(),
  lastMessageAt: z.string().nullable(),
  lastMessage: lastMessagePreviewSchema.nullable(),
  /** For DMs and group DMs: the other participants (empty for channels). */
  dmMembers: z.array(memberPreviewSchema),
  notificationLevel: z.enum(["all", "mentions", "nothing"]),
  isMuted: z.boolean(),
});
export type ConversationSummary = z.infer<typeof conversationSummarySchema>;

export const conversationPageSchema = z.object({
  conversations: z.array(conversationSummarySchema),
  nextCursor: z.string().nullable(),
  hasMore: z.boolean(),
});
export type ConversationPage = z.infer<typeof conversationPageSchema>;

export const conversationDetailSchema = z.object({
  id: entityIdSchema,
  workspaceId: entityIdSchema,
  kind: conversationKindSchema,
  title: z.string(),
  name: z.string().nullable(),
  topic: z.string(),
  purpose: z.string(),
  isArchived: z.boolean(),
  createdById: entityIdSchema.nullable(),
  createdAt: z.string(),
  memberCount: z.number().int().nonnegative(),
  /** Up to 10 members, the caller's conversation partners first for DMs. */
  membersPreview: z.array(memberPreviewSchema),
  isMember: z.boolean(),
  lastSeq: seqSchema,
  /** 0 for a public channel the caller has not joined. */
  lastReadSeq: seqSchema,
  /** What the caller may do, so the UI can hide what would be refused. */
  canPost: z.boolean(),
  canManage: z.boolean(),
});
export type ConversationDetail = z.infer<typeof conversationDetailSchema>;

export const channelDirectoryEntrySchema = z.object({
  id: entityIdSchema,
  kind: z.enum(["channel", "private_channel"]),
  name: z.string(),
  topic: z.string(),
  purpose: z.string(),
  isArchived: z.boolean(),
  isMember: z.boolean(),
  memberCount: z.number().int().nonnegative(),
  createdAt: z.string(),
});
export type ChannelDirectoryEntry = z.infer<typeof channelDirectoryEntrySchema>;
