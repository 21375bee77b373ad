/**
 * Presence of the users this tab looks at, as the socket last reported it.
 * Module state like live-events (one socket per tab), read by usePresence
 * through useSyncExternalStore.
 */
export type PresenceStatus = "online" | "away" | "offline";

export interface UserPresence {
  status: PresenceStatus;
  lastSeenAt: string | null;
}

let presenceByUser = new Map<string, UserPresence>();
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

export function setUserPresence(userId: string, presence: UserPresence): void {
  // A new Map per change: useSyncExternalStore compares snapshots by identity.
  presenceByUser = new Map(presenceByUser).set(userId, presence);
  notify();
}

export function clearPresence(): void {
  if (presenceByUser.size === 0) return;
  presenceByUser = new Map();
  notify();
}

export function getPresenceSnapshot(): ReadonlyMap<string, UserPresence> {
  return presenceByUser;
}

export function subscribePresence(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
