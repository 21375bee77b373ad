import { portsFromContext } from "../ports.ts";
import { protectedProcedure, publicProcedure, router } from "../trpc.ts";
import { inviteTokenInputSchema, signUpInputSchema } from "./auth.schema.ts";
import { signUp } from "./auth.service.ts";
import { acceptInvite, describeInvite } from "./invites.service.ts";

// Password sign-in itself goes through next-auth (apps/web), which calls verifyCredentials.
export const authRouter = router({
  signUp: publicProcedure.input(signUpInputSchema).mutation(({ ctx, input }) => signUp(portsFromContext(ctx), input)),
  describeInvite: publicProcedure.input(inviteTokenInputSchema).query(({ ctx, input }) => describeInvite(portsFromContext(ctx), input)),
  acceptInvite: protectedProcedure.input(inviteTokenInputSchema).mutation(({ ctx, input }) => acceptInvite(portsFromContext(ctx), ctx.actor, input)),
});
