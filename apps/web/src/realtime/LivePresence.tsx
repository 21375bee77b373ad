"use client";

import { PresenceDot } from "@parley/ui/presence/PresenceDot";
import { TypingIndicator } from "@parley/ui/presence/TypingIndicator";
import { usePresence, useTyping } from "./hooks.ts";

/** The live presence dot of one person (nothing while offline or unknown). */
export function UserPresenceDot({ userId, name, className }: { userId: string; name: string; className?: string }) {
  const presence = usePresence([userId]).get(userId);
  return <PresenceDot status={presence?.status ?? "offline"} name={name} className={className} />;
}

/** "Ana is typing…" under a conversation's message list; the viewer is left out. */
export function ConversationTyping({ conversationId, myUserId }: { conversationId: string; myUserId: string }) {
  const typists = useTyping(conversationId, myUserId);
  return <TypingIndicator names={typists.map((typist) => typist.name)} />;
}
