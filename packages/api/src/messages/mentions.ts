/**
 * @-mentions in message text. A person's handles are the local part of their
 * email ("alice" for alice@example.com) and their name with spaces as dots
 * ("alice.smith" for "Alice Smith"), both lowercase. `@channel` and
 * `@everyone` notify the whole conversation, `@here` those present; these
 * words win over a person's handle.
 */
export interface MentionTokens {
  handles: string[];
  mentionsChannel: boolean;
  mentionsHere: boolean;
}

const CHANNEL_WORDS = new Set(["channel", "everyone"]);
const HERE_WORD = "here";

// Preceded by start or a character that can't be part of an email or a word,
// so "bob@example.com" mentions nobody.
const mentionPattern = /(^|[^\p{L}\p{N}_.@/-])@([\p{L}\p{N}][\p{L}\p{N}._-]{0,79})/gu;
const fencedCode = /```[\s\S]*?```/g;
const inlineCode = /`[^`\n]*`/g;

/** The mention tokens in `body`, ignoring code (people paste `@decorators` there). */
export function extractMentionTokens(body: string): MentionTokens {
  const text = body.replace(fencedCode, " ").replace(inlineCode, " ");
  const handles = new Set<string>();
  let mentionsChannel = false;
  let mentionsHere = false;
  for (const match of text.matchAll(mentionPattern)) {
    // Sentence punctuation after a handle ("thanks @alice.") is not part of it.
    const token = (match[2] ?? "")
      .replace(/[._-]+$/, "")
      .normalize("NFKC")
      .toLowerCase();
    if (!token) continue;
    if (CHANNEL_WORDS.has(token)) mentionsChannel = true;
    else if (token === HERE_WORD) mentionsHere = true;
    else handles.add(token);
  }
  return { handles: [...handles], mentionsChannel, mentionsHere };
}

/** The handles that mention this person. */
export function mentionHandlesOf(person: { email: string; name: string }): string[] {
  const emailHandle = (person.email.split("@")[0] ?? "").normalize("NFKC").toLowerCase();
  const nameHandle = person.name.normalize("NFKC").trim().toLowerCase().replace(/\s+/g, ".");
  return [...new Set([emailHandle, nameHandle].filter((handle) => handle.length > 0))];
}

export function hasMentionTokens(tokens: MentionTokens): boolean {
  return tokens.handles.length > 0 || tokens.mentionsChannel || tokens.mentionsHere;
}
