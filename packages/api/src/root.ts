import { accessTokensRouter } from "./access-tokens/access-tokens.router.ts";
import { authRouter } from "./auth/auth.router.ts";
import { conversationsRouter } from "./conversations/conversations.router.ts";
import { messagesRouter } from "./messages/messages.router.ts";
import { readsRouter } from "./reads/reads.router.ts";
import { realtimeRouter } from "./realtime/realtime.router.ts";
import { createCallerFactory, router } from "./trpc.ts";
import { workspacesRouter } from "./workspaces/workspaces.router.ts";

/** Every capability's procedures, one namespace each (`workspaces.shell`, `messages.send`, …). */
export const appRouter = router({
  auth: authRouter,
  workspaces: workspacesRouter,
  conversations: conversationsRouter,
  messages: messagesRouter,
  reads: readsRouter,
  accessTokens: accessTokensRouter,
  realtime: realtimeRouter,
});

export type AppRouter = typeof appRouter;

export const createAppCaller = createCallerFactory(appRouter);
