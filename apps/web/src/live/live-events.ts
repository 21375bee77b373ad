/**
 * The one seam between the realtime socket and the screens that show live
 * data. Screens subscribe to bus events and read the link status; the socket
 * client (apps/web/src/realtime, on @parley/realtime-client) publishes what it receives and, while
 * connected, offers to carry sends. Until a socket is live, screens fall back
 * to polling over tRPC; nothing on a screen knows which path an event took.
 * Browser-only module state: one socket per tab.
 */
import type { BusEvent } from "@parley/protocol/events";
import type { SendMessageInput, SendMessageResult } from "@parley/api/messages/messages.schema";
import type { LiveStatus } from "@parley/realtime-client/realtime-link";

export type { LiveStatus };
export type LiveEventListener = (event: BusEvent) => void;
/** Sends one message over the socket; resolves with the server's ack (= committed). */
export type LiveSender = (input: SendMessageInput) => Promise<SendMessageResult>;

const eventListeners = new Set<LiveEventListener>();
const statusListeners = new Set<() => void>();
let status: LiveStatus = "offline";
let sender: LiveSender | null = null;

export function publishLiveEvent(event: BusEvent): void {
  for (const listener of eventListeners) listener(event);
}

export function subscribeLiveEvents(listener: LiveEventListener): () => void {
  eventListeners.add(listener);
  return () => eventListeners.delete(listener);
}

export function getLiveStatus(): LiveStatus {
  return status;
}

export function setLiveStatus(next: LiveStatus): void {
  if (next === status) return;
  status = next;
  for (const listener of statusListeners) listener();
}

/** For React's useSyncExternalStore(subscribeLiveStatus, getLiveStatus, () => "offline"). */
export function subscribeLiveStatus(listener: () => void): () => void {
  statusListeners.add(listener);
  return () => statusListeners.delete(listener);
}

/** The socket client registers itself while connected (null when it drops). */
export function setLiveSender(next: LiveSender | null): void {
  sender = next;
}

/** The socket sender when one is live; callers fall back to tRPC when null. */
export function getLiveSender(): LiveSender | null {
  return sender;
}
