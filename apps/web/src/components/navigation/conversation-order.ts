/** Pure rules behind the quick switcher and Alt+arrow navigation (unit-tested). */

export interface NavigableConversation {
  id: string;
  label: string;
  unreadCount: number;
}

/**
 * How well `query` matches `label` as a subsequence, higher is better; null
 * when it does not match. Prefix and word-start matches win, as in Slack's
 * switcher, so "gen" finds #general before #design-engineering.
 */
export function fuzzyScore(label: string, query: string): number | null {
  const text = label.toLowerCase();
  const needle = query.toLowerCase().replace(/^#/, "").replace(/\s+/g, "");
  if (needle.length === 0) return 0;
  if (text.startsWith(needle)) return 1000 - text.length;
  const substringAt = text.indexOf(needle);
  if (substringAt > 0) return 500 - substringAt;
  let score = 0;
  let from = 0;
  for (const char of needle) {
    const at = text.indexOf(char, from);
    if (at < 0) return null;
    const isWordStart = at === 0 || /[\s\-_,]/.test(text[at - 1] ?? "");
    score += isWordStart ? 10 : at === from ? 5 : 1;
    from = at + 1;
  }
  return score;
}

/** The conversations matching `query`, best first; ties keep the given order. */
export function filterConversations<Item extends NavigableConversation>(items: readonly Item[], query: string): Item[] {
  return items
    .map((item, index) => ({ item, index, score: fuzzyScore(item.label, query) }))
    .filter((entry): entry is { item: Item; index: number; score: number } => entry.score !== null)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((entry) => entry.item);
}

/**
 * The conversation before or after the active one in sidebar order, wrapping
 * around; with `isUnreadOnly`, the next one with unread messages. Null when
 * there is nowhere to go.
 */
export function adjacentConversation<Item extends NavigableConversation>(
  items: readonly Item[],
  activeId: string | undefined,
  direction: 1 | -1,
  isUnreadOnly: boolean,
): Item | null {
  if (items.length === 0) return null;
  const start = items.findIndex((item) => item.id === activeId);
  for (let step = 1; step <= items.length; step += 1) {
    // From "nothing active", step 1 forward is the first item and backward the last.
    const index = ((((start < 0 ? (direction === 1 ? -1 : 0) : start) + direction * step) % items.length) + items.length) % items.length;
    const candidate = items[index];
    if (!candidate || candidate.id === activeId) continue;
    if (!isUnreadOnly || candidate.unreadCount > 0) return candidate;
  }
  return null;
}
