import { portsFromContext } from "../ports.ts";
import { protectedProcedure, router } from "../trpc.ts";
import { deleteMessage, editMessage } from "./message-changes.service.ts";
import { listMessages } from "./message-history.service.ts";
import { deleteMessageInputSchema, editMessageInputSchema, listMessagesInputSchema, sendMessageInputSchema } from "./messages.schema.ts";
import { sendMessage } from "./messages.service.ts";

export const messagesRouter = router({
  send: protectedProcedure.input(sendMessageInputSchema).mutation(({ ctx, input }) => sendMessage(portsFromContext(ctx), ctx.actor, input)),
  list: protectedProcedure.input(listMessagesInputSchema).query(({ ctx, input }) => listMessages(portsFromContext(ctx), ctx.actor, input)),
  edit: protectedProcedure.input(editMessageInputSchema).mutation(({ ctx, input }) => editMessage(portsFromContext(ctx), ctx.actor, input)),
  delete: protectedProcedure.input(deleteMessageInputSchema).mutation(({ ctx, input }) => deleteMessage(portsFromContext(ctx), ctx.actor, input)),
});
