/**
 * What a node does with one bus event for its local sockets on that topic.
 * Conversation events pass the fan-out authorization check (ReaderGuard)
 * for every recipient, so a socket that subscribed earlier stops receiving
 * the moment its user is no longer an active participant. Frames are
 * encoded once and the same bytes are written to every socket.
 */
import { parseTopic, type BusEvent } from "@parley/protocol/events";
import type { ServerFrame } from "@parley/protocol/frames";
import { encodeFrame } from "@parley/protocol/parse-frame";
import type { RealtimeMetrics } from "../metrics.ts";
import type { ReaderGuard } from "./reader-guard.ts";
import type { EncodedFrame, RealtimeSession } from "./session.ts";
import type { FanOut } from "./topic-router.ts";

const MEMBERSHIP_EVENTS = new Set<BusEvent["type"]>(["conversation.members_joined", "conversation.member_left"]);

type PresenceSignal = Extract<BusEvent, { type: "presence" }>;

export interface FanOutDeps {
  readers: ReaderGuard;
  metrics: RealtimeMetrics;
  /** Presence signals go to the presence hub, which keeps what it last told each socket. */
  onPresence: (signal: PresenceSignal, sessions: readonly RealtimeSession[]) => void;
}

export function createFanOut({ readers, metrics, onPresence }: FanOutDeps): FanOut<RealtimeSession> {
  return async (topic, event, sessions) => {
    const parsed = parseTopic(topic);
    if (!parsed) return;
    switch (parsed.kind) {
      case "conversation":
        return fanOutConversationEvent(parsed.conversationId, event, sessions);
      case "user":
        return fanOutUserEvent(event, sessions);
      case "presence":
        if (event.type === "presence") onPresence(event, sessions);
        return;
    }
  };

  async function fanOutConversationEvent(conversationId: string, event: BusEvent, sessions: readonly RealtimeSession[]): Promise<void> {
    if (MEMBERSHIP_EVENTS.has(event.type)) readers.invalidate(conversationId);
    const allowed = await readers.allowedReaders(conversationId, new Set(sessions.map((session) => session.userId)));
    const recipients: RealtimeSession[] = [];
    for (const session of sessions) {
      if (allowed.has(session.userId)) recipients.push(session);
      // Subscribed earlier, no longer allowed (removed, deactivated): stop at once.
      else session.unfollow(conversationId);
    }
    if (event.type === "typing") {
      const frame = encodeOnce({ type: "typing", conversationId, userId: event.userId, userName: event.userName });
      for (const session of recipients) if (session.userId !== event.userId) session.deliverEncoded(frame);
      return;
    }
    if (event.type === "presence") return;
    deliverAll(recipients, { type: "event", event });
    if (event.type === "message.created") {
      metrics.deliveryLatency.observe(Math.max(0, Date.now() - Date.parse(event.message.createdAt)) / 1000);
    }
  }

  async function fanOutUserEvent(event: BusEvent, sessions: readonly RealtimeSession[]): Promise<void> {
    if (event.type === "conversation.added") {
      readers.invalidate(event.conversationId);
      // Followed before the event is forwarded, so the client's sync after it cannot miss anything.
      await Promise.all(sessions.map((session) => session.follow(event.conversationId)));
    } else if (event.type === "conversation.removed") {
      readers.invalidate(event.conversationId);
      for (const session of sessions) session.unfollow(event.conversationId);
    }
    if (event.type === "typing" || event.type === "presence") return;
    deliverAll(sessions, { type: "event", event });
  }

  function deliverAll(sessions: readonly RealtimeSession[], frame: ServerFrame): void {
    if (sessions.length === 0) return;
    const encoded = encodeOnce(frame);
    for (const session of sessions) session.deliverEncoded(encoded);
  }
}

function encodeOnce(frame: ServerFrame): EncodedFrame {
  return Buffer.from(encodeFrame(frame));
}
