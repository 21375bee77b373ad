import { portsFromContext } from "../ports.ts";
import { protectedProcedure, router } from "../trpc.ts";
import { markReadInputSchema, markUnreadInputSchema } from "./reads.schema.ts";
import { markRead, markUnread } from "./reads.service.ts";

export const readsRouter = router({
  markRead: protectedProcedure.input(markReadInputSchema).mutation(({ ctx, input }) => markRead(portsFromContext(ctx), ctx.actor, input)),
  markUnread: protectedProcedure.input(markUnreadInputSchema).mutation(({ ctx, input }) => markUnread(portsFromContext(ctx), ctx.actor, input)),
});
