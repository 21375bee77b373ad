import { authRouter } from "./auth/auth.router.ts";
import { realtimeRouter } from "./realtime/realtime.router.ts";
import { createCallerFactory, router } from "./trpc.ts";
import { workspacesRouter } from "./workspaces/workspaces.router.ts";

export const appRouter = router({
  auth: authRouter,
  workspaces: workspacesRouter,
  realtime: realtimeRouter,
});

export type AppRouter = typeof appRouter;

export const createAppCaller = createCallerFactory(appRouter);
