import { portsFromContext } from "../ports.ts";
import { protectedProcedure, router } from "../trpc.ts";
import { archiveChannel, inviteMembers, joinChannel, leaveConversation, setPurpose, setTopic, unarchiveChannel } from "./channel-membership.service.ts";
import { listConversations } from "./conversation-list.service.ts";
import {
  browseChannelsInputSchema,
  conversationIdInputSchema,
  createChannelInputSchema,
  inviteMembersInputSchema,
  listConversationsInputSchema,
  listMembersInputSchema,
  openDirectMessageInputSchema,
  setPurposeInputSchema,
  setTopicInputSchema,
} from "./conversations.schema.ts";
import { browseChannels, createChannel, getConversation, listConversationMembers } from "./conversations.service.ts";
import { openDirectMessage } from "./direct-messages.service.ts";

export const conversationsRouter = router({
  list: protectedProcedure.input(listConversationsInputSchema).query(({ ctx, input }) => listConversations(portsFromContext(ctx), ctx.actor, input)),
  get: protectedProcedure.input(conversationIdInputSchema).query(({ ctx, input }) => getConversation(portsFromContext(ctx), ctx.actor, input)),
  members: protectedProcedure.input(listMembersInputSchema).query(({ ctx, input }) => listConversationMembers(portsFromContext(ctx), ctx.actor, input)),
  browse: protectedProcedure.input(browseChannelsInputSchema).query(({ ctx, input }) => browseChannels(portsFromContext(ctx), ctx.actor, input)),
  createChannel: protectedProcedure.input(createChannelInputSchema).mutation(({ ctx, input }) => createChannel(portsFromContext(ctx), ctx.actor, input)),
  openDirectMessage: protectedProcedure
    .input(openDirectMessageInputSchema)
    .mutation(({ ctx, input }) => openDirectMessage(portsFromContext(ctx), ctx.actor, input)),
  join: protectedProcedure.input(conversationIdInputSchema).mutation(({ ctx, input }) => joinChannel(portsFromContext(ctx), ctx.actor, input)),
  invite: protectedProcedure.input(inviteMembersInputSchema).mutation(({ ctx, input }) => inviteMembers(portsFromContext(ctx), ctx.actor, input)),
  leave: protectedProcedure.input(conversationIdInputSchema).mutation(({ ctx, input }) => leaveConversation(portsFromContext(ctx), ctx.actor, input)),
  setTopic: protectedProcedure.input(setTopicInputSchema).mutation(({ ctx, input }) => setTopic(portsFromContext(ctx), ctx.actor, input)),
  setPurpose: protectedProcedure.input(setPurposeInputSchema).mutation(({ ctx, input }) => setPurpose(portsFromContext(ctx), ctx.actor, input)),
  archive: protectedProcedure.input(conversationIdInputSchema).mutation(({ ctx, input }) => archiveChannel(portsFromContext(ctx), ctx.actor, input)),
  unarchive: protectedProcedure.input(conversationIdInputSchema).mutation(({ ctx, input }) => unarchiveChannel(portsFromContext(ctx), ctx.actor, input)),
});
