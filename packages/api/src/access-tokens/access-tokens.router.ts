import { systemClock } from "../ports.ts";
import { protectedProcedure, router } from "../trpc.ts";
import { createAccessTokenInputSchema, revokeAccessTokenInputSchema } from "./access-tokens.schema.ts";
import { createAccessToken, listAccessTokens, revokeAccessToken } from "./access-tokens.service.ts";

export const accessTokensRouter = router({
  list: protectedProcedure.query(({ ctx }) => listAccessTokens({ db: ctx.db, clock: systemClock }, ctx.actor)),
  create: protectedProcedure
    .input(createAccessTokenInputSchema)
    .mutation(({ ctx, input }) => createAccessToken({ db: ctx.db, clock: systemClock }, ctx.actor, input)),
  revoke: protectedProcedure
    .input(revokeAccessTokenInputSchema)
    .mutation(({ ctx, input }) => revokeAccessToken({ db: ctx.db, clock: systemClock }, ctx.actor, input)),
});
