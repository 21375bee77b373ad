/**
 * Who is typing where. A typing frame means "typing now"; it lapses after
 * TYPING_EXPIRY_MS unless repeated (clients repeat it while the user types),
 * so a closed tab never leaves "Ana is typing…" behind.
 */
export const TYPING_EXPIRY_MS = 5_000;

export interface Typist {
  userId: string;
  name: string;
}

interface TypingEntry extends Typist {
  timer: ReturnType<typeof setTimeout>;
}

const entriesByConversation = new Map<string, Map<string, TypingEntry>>();
let snapshotByConversation = new Map<string, readonly Typist[]>();
const listeners = new Set<() => void>();
const noTypists: readonly Typist[] = [];

function publish(conversationId: string): void {
  const entries = entriesByConversation.get(conversationId);
  const typists = entries ? [...entries.values()].map(({ userId, name }) => ({ userId, name })) : [];
  snapshotByConversation = new Map(snapshotByConversation).set(conversationId, typists);
  for (const listener of listeners) listener();
}

function remove(conversationId: string, userId: string): void {
  const entries = entriesByConversation.get(conversationId);
  const entry = entries?.get(userId);
  if (!entries || !entry) return;
  clearTimeout(entry.timer);
  entries.delete(userId);
  publish(conversationId);
}

/** `userId` (shown as `name`) is typing in the conversation now. */
export function noteTyping(conversationId: string, userId: string, name: string): void {
  const entries = entriesByConversation.get(conversationId) ?? new Map<string, TypingEntry>();
  entriesByConversation.set(conversationId, entries);
  const existing = entries.get(userId);
  if (existing) clearTimeout(existing.timer);
  const timer = setTimeout(() => remove(conversationId, userId), TYPING_EXPIRY_MS);
  entries.set(userId, { userId, name, timer });
  if (!existing) publish(conversationId);
}

/** Their message arrived: they are no longer typing it. */
export function clearTypist(conversationId: string, userId: string): void {
  remove(conversationId, userId);
}

export function getTypists(conversationId: string): readonly Typist[] {
  return snapshotByConversation.get(conversationId) ?? noTypists;
}

export function subscribeTyping(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
