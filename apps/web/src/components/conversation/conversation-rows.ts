/**
 * Turns a timeline into the flat rows the virtualized list renders: day
 * separators, the "new messages" line, and messages grouped by author
 * (Slack: consecutive messages of one person within 5 minutes share a header).
 * Row keys are stable across merges so the virtualizer keeps measured sizes.
 */
import type { MessageView } from "@parley/protocol/events";
import type { ConversationTimeline, OutgoingMessage } from "./conversation-timeline.ts";

export const GROUP_WINDOW_MS = 5 * 60 * 1000;

export type TimelineRow =
  | { type: "day"; key: string; label: string }
  | { type: "new-messages"; key: "new-messages" }
  | { type: "message"; key: string; message: MessageView; isGroupStart: boolean }
  | { type: "outgoing"; key: string; outgoing: OutgoingMessage; isGroupStart: boolean };

interface RowAuthor {
  senderId: string | null;
  createdAt: string;
  isPlain: boolean;
}

function localDayKey(date: Date): string {
  return `${date.getFullYear()}-${date.getMonth() + 1}-${date.getDate()}`;
}

/** "Today", "Yesterday", a weekday name this week, else "Monday, March 3rd"-style dates. */
export function dayLabel(date: Date, now: Date): string {
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const startOfDay = new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
  const daysAgo = Math.round((startOfToday - startOfDay) / 86_400_000);
  if (daysAgo === 0) return "Today";
  if (daysAgo === 1) return "Yesterday";
  const options: Intl.DateTimeFormatOptions =
    date.getFullYear() === now.getFullYear() ? { weekday: "long", month: "long", day: "numeric" } : { month: "long", day: "numeric", year: "numeric" };
  return date.toLocaleDateString("en-US", options);
}

function startsGroup(previous: RowAuthor | null, current: RowAuthor): boolean {
  if (!previous || !current.isPlain || !previous.isPlain) return true;
  if (previous.senderId !== current.senderId) return true;
  return Date.parse(current.createdAt) - Date.parse(previous.createdAt) > GROUP_WINDOW_MS;
}

/**
 * @param firstUnreadSeq the first seq the user had not read when they opened
 *   the conversation (null: nothing unread); the line sits right above it.
 */
export function buildTimelineRows(timeline: ConversationTimeline, firstUnreadSeq: number | null, now: Date): TimelineRow[] {
  const rows: TimelineRow[] = [];
  let previous: RowAuthor | null = null;
  let previousDay: string | null = null;

  const addDaySeparatorIfNeeded = (createdAt: string) => {
    const date = new Date(createdAt);
    const day = localDayKey(date);
    if (day === previousDay) return false;
    previousDay = day;
    rows.push({ type: "day", key: `day-${day}`, label: dayLabel(date, now) });
    return true;
  };

  for (const message of timeline.messages) {
    const isNewDay = addDaySeparatorIfNeeded(message.createdAt);
    const isFirstUnread = firstUnreadSeq !== null && message.seq === firstUnreadSeq;
    if (isFirstUnread) rows.push({ type: "new-messages", key: "new-messages" });
    const author: RowAuthor = { senderId: message.senderId, createdAt: message.createdAt, isPlain: !message.isDeleted && message.kind === "user" };
    const isGroupStart = isNewDay || isFirstUnread || startsGroup(previous, author);
    rows.push({ type: "message", key: `seq-${message.seq}`, message, isGroupStart });
    previous = author;
  }
  for (const outgoing of timeline.outgoing) {
    const isNewDay = addDaySeparatorIfNeeded(outgoing.createdAt);
    const author: RowAuthor = { senderId: outgoing.senderId, createdAt: outgoing.createdAt, isPlain: true };
    rows.push({ type: "outgoing", key: `out-${outgoing.clientMessageId}`, outgoing, isGroupStart: isNewDay || startsGroup(previous, author) });
    previous = author;
  }
  return rows;
}
