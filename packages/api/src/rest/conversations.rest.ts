/** REST: GET and POST /api/v1/conversations, thin over the conversation services. */
import { z } from "zod";
import { entityIdSchema } from "@parley/protocol/events";
import { listConversations } from "../conversations/conversation-list.service.ts";
import { createChannel } from "../conversations/conversations.service.ts";
import { createChannelInputSchema, openDirectMessageInputSchema, type ConversationSummary } from "../conversations/conversations.schema.ts";
import { openDirectMessage } from "../conversations/direct-messages.service.ts";
import { DomainError } from "../errors.ts";
import { jsonResponse, parseRestInput, readJsonBody } from "./http.ts";
import { handleRest, type RestDependencies } from "./rest-context.ts";
import { activeWorkspaceIdsOf } from "../memberships/memberships.service.ts";

export const CONVERSATION_REQUEST_MAX_BYTES = 16 * 1024;

const listQuerySchema = z.strictObject({
  workspaceId: entityIdSchema.optional(),
  cursor: z.string().max(200).optional(),
  limit: z
    .string()
    .regex(/^[0-9]{1,4}$/, "limit must be an integer from 1 to 200")
    .transform(Number)
    .pipe(z.number().int().min(1, "limit must be an integer from 1 to 200").max(200, "limit must be an integer from 1 to 200"))
    .optional(),
});

export interface ConversationListResponse {
  /** Most recent activity first, each with unreadCount, mentionCount and lastMessage. */
  conversations: ConversationSummary[];
  nextCursor: string | null;
  hasMore: boolean;
}

/** ?workspaceId may be left out by someone who belongs to exactly one workspace. */
export async function getConversations(request: Request, deps: RestDependencies): Promise<Response> {
  return handleRest(request, deps, async ({ actor, ports }) => {
    const url = new URL(request.url);
    const query = parseRestInput(listQuerySchema, Object.fromEntries([...url.searchParams].filter(([, value]) => value !== "")));
    const workspaceId = query.workspaceId ?? (await onlyWorkspaceOf(deps, actor.userId));
    const page = await listConversations(ports, actor, { workspaceId, cursor: query.cursor, limit: query.limit ?? 100 });
    const body: ConversationListResponse = page;
    return jsonResponse(200, body);
  });
}

async function onlyWorkspaceOf(deps: RestDependencies, userId: string): Promise<string> {
  // Two are enough to know whether there is only one.
  const workspaceIds = await activeWorkspaceIdsOf(deps.db, userId, 2);
  if (workspaceIds.length === 1 && workspaceIds[0]) return workspaceIds[0];
  throw new DomainError(
    "INVALID",
    workspaceIds.length === 0 ? "You are not a member of any workspace." : "You belong to several workspaces: pass ?workspaceId=.",
  );
}

const createConversationBodySchema = z.discriminatedUnion("type", [
  createChannelInputSchema.extend({ type: z.literal("channel") }),
  openDirectMessageInputSchema.extend({ type: z.literal("dm") }),
]);

/**
 * {type: "channel", workspaceId, name, isPrivate?, topic?, purpose?, memberIds?} → 201;
 * {type: "dm", workspaceId, userIds} → 201 when created, 200 when it already existed.
 */
export async function postConversation(request: Request, deps: RestDependencies): Promise<Response> {
  return handleRest(request, deps, async ({ actor, ports }) => {
    const input = parseRestInput(createConversationBodySchema, await readJsonBody(request, { maxBytes: CONVERSATION_REQUEST_MAX_BYTES }));
    if (input.type === "channel") {
      const { type: _type, ...channel } = input;
      return jsonResponse(201, await createChannel(ports, actor, channel));
    }
    const { type: _type, ...direct } = input;
    const { isNew, ...conversation } = await openDirectMessage(ports, actor, direct);
    return jsonResponse(isNew ? 201 : 200, conversation);
  });
}
