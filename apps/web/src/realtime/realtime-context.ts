"use client";

/**
 * What components may ask of the tab's realtime client, as a context so hooks
 * do not depend on how the client is built (RealtimeProvider supplies it).
 */
import { createContext, useContext } from "react";

export interface RealtimeControls {
  /** Replaces the set of users whose presence this tab shows. */
  subscribePresence(userIds: readonly string[]): void;
  /** Tells a conversation's members that I am typing (the caller throttles). */
  typing(conversationId: string): void;
}

export const RealtimeControlsContext = createContext<RealtimeControls | null>(null);

/** The tab's realtime controls (null outside a workspace or before the client started). */
export function useRealtimeControls(): RealtimeControls | null {
  return useContext(RealtimeControlsContext);
}
