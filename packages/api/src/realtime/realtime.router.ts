import { readRealtimeEnv, type RealtimeEnv } from "../env.ts";
import { protectedProcedure, router } from "../trpc.ts";
import { issueRealtimeToken, realtimeTokenExpiresAt } from "./realtime-token.ts";

// Read on first use, not at import: only processes that issue tokens need the secret.
let realtimeEnv: RealtimeEnv | undefined;
function realtimeSettings(): RealtimeEnv {
  realtimeEnv ??= readRealtimeEnv();
  return realtimeEnv;
}

export const realtimeRouter = router({
  /** A five-minute token for the socket's `hello`, and where to open it. */
  token: protectedProcedure.mutation(async ({ ctx }) => {
    const { REALTIME_SECRET, PUBLIC_REALTIME_URL } = realtimeSettings();
    const now = new Date();
    return {
      token: issueRealtimeToken(REALTIME_SECRET, ctx.actor.userId, now),
      url: PUBLIC_REALTIME_URL,
      expiresAt: realtimeTokenExpiresAt(now).toISOString(),
    };
  }),
});
