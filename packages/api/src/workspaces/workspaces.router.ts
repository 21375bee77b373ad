import { createInviteInputSchema } from "../auth/auth.schema.ts";
import { createInvite } from "../auth/invites.service.ts";
import { portsFromContext } from "../ports.ts";
import { protectedProcedure, router } from "../trpc.ts";
import { createWorkspaceInputSchema, listWorkspaceMembersInputSchema, workspaceSlugInputSchema } from "./workspaces.schema.ts";
import { createWorkspace, getWorkspaceShell, listMyWorkspaces, listWorkspaceMembers } from "./workspaces.service.ts";

export const workspacesRouter = router({
  listMine: protectedProcedure.query(({ ctx }) => listMyWorkspaces(portsFromContext(ctx), ctx.actor)),
  shell: protectedProcedure.input(workspaceSlugInputSchema).query(({ ctx, input }) => getWorkspaceShell(portsFromContext(ctx), ctx.actor, input)),
  members: protectedProcedure.input(listWorkspaceMembersInputSchema).query(({ ctx, input }) => listWorkspaceMembers(portsFromContext(ctx), ctx.actor, input)),
  create: protectedProcedure.input(createWorkspaceInputSchema).mutation(({ ctx, input }) => createWorkspace(portsFromContext(ctx), ctx.actor, input)),
  createInvite: protectedProcedure.input(createInviteInputSchema).mutation(({ ctx, input }) => createInvite(portsFromContext(ctx), ctx.actor, input)),
});
