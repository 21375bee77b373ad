/**
 * Turns the demo script into concrete messages: timestamps over the past
 * three weeks, ids from those timestamps (so rows land in their monthly
 * partitions), per-conversation seqs in time order, threads, reactions and
 * mentions. Pure: the same `now` gives the same plan.
 */
import { createMessageIdGenerator } from "@parley/db/ids";
import { type ConversationKey, demoConversations, type Handle } from "./demo-cast.ts";
import { standupScenes, directScenes } from "./demo-script-direct.ts";
import { channelScenes, type Scene, type ScriptLine } from "./demo-script.ts";
import { extraScenes } from "./demo-script-extra.ts";
import { createRandomSource, type RandomSource } from "./prng.ts";

export interface PlannedReaction {
  by: Handle;
  emoji: string;
  createdAt: Date;
}

export interface PlannedMessage {
  id: bigint;
  seq: number;
  conversation: ConversationKey;
  from: Handle;
  body: string;
  createdAt: Date;
  threadRootId: bigint | null;
  reactions: PlannedReaction[];
  mentions: Array<{ kind: "user"; handle: Handle } | { kind: "channel" | "here" }>;
}

interface TimedLine {
  conversation: ConversationKey;
  line: ScriptLine;
  createdAt: Date;
  root: TimedLine | null;
  order: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const RANDOM_SEED = 20_240_601;
const casualReactions = ["👍", "❤️", "😂", "🙌", "👀", "✅"];
const membersOf = new Map(demoConversations.map((conversation) => [conversation.key, conversation.members]));

function sceneStart(scene: Scene, today: Date): number {
  const [hours, minutes] = scene.at.split(":").map(Number);
  return today.getTime() - scene.daysAgo * DAY + (hours ?? 0) * 60 * MINUTE + (minutes ?? 0) * MINUTE;
}

function timeScenes(scenes: readonly Scene[], today: Date, random: RandomSource): TimedLine[] {
  const timed: TimedLine[] = [];
  const push = (conversation: ConversationKey, line: ScriptLine, at: number, root: TimedLine | null) => {
    const entry = { conversation, line, createdAt: new Date(at), root, order: timed.length };
    timed.push(entry);
    return entry;
  };
  for (const scene of scenes) {
    let cursor = sceneStart(scene, today) + random.between(0, 4 * 60) * 1000;
    for (const line of scene.lines) {
      const root = push(scene.conversation, line, cursor, null);
      let replyCursor = cursor + random.between(2 * 60, 9 * 60) * 1000;
      for (const reply of line.replies ?? []) {
        push(scene.conversation, reply, replyCursor, root);
        replyCursor += random.between(40, 8 * 60) * 1000;
      }
      cursor += random.between(50, 6 * 60) * 1000;
    }
  }
  return timed;
}

function pickReactions(entry: TimedLine, now: Date, random: RandomSource): PlannedReaction[] {
  const others = (membersOf.get(entry.conversation) ?? []).filter((handle) => handle !== entry.line.from);
  const emojis = entry.line.reactions ? [...entry.line.reactions] : random.chance(0.12) ? [random.sample(casualReactions, 1)[0]!] : [];
  const reactions: PlannedReaction[] = [];
  for (const emoji of emojis) {
    const taken = new Set(reactions.filter((reaction) => reaction.emoji === emoji).map((reaction) => reaction.by));
    const count = entry.line.reactions ? random.between(1, Math.min(3, others.length)) : 1;
    for (const by of random.sample(
      others.filter((handle) => !taken.has(handle)),
      count,
    )) {
      const createdAt = new Date(Math.min(entry.createdAt.getTime() + random.between(1, 40) * MINUTE, now.getTime()));
      reactions.push({ by, emoji, createdAt });
    }
  }
  return reactions;
}

function findMentions(body: string, conversation: ConversationKey): PlannedMessage["mentions"] {
  const members = membersOf.get(conversation) ?? [];
  const mentions: PlannedMessage["mentions"] = [];
  const seen = new Set<string>();
  for (const [, name] of body.matchAll(/@([a-z]+)\b/g)) {
    if (!name || seen.has(name)) continue;
    seen.add(name);
    if (name === "channel" || name === "here") mentions.push({ kind: name });
    else if ((members as readonly string[]).includes(name)) mentions.push({ kind: "user", handle: name as Handle });
  }
  return mentions;
}

/** The whole demo history as of `now`, oldest first. */
export function planDemoTimeline(now: Date): PlannedMessage[] {
  const random = createRandomSource(RANDOM_SEED);
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const scenes = [...channelScenes, ...extraScenes, ...directScenes, ...standupScenes(today, createRandomSource(RANDOM_SEED + 1))];
  const timed = timeScenes(scenes, today, random);

  // Scenes "today" may lie ahead of `now` (early in the UTC day): slide the
  // whole history back so the newest message is a few minutes old.
  const newest = Math.max(...timed.map((entry) => entry.createdAt.getTime()));
  const shiftMs = Math.max(0, newest - (now.getTime() - 3 * MINUTE));
  for (const entry of timed) entry.createdAt = new Date(entry.createdAt.getTime() - shiftMs);
  timed.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.order - b.order);

  // Fixed node id: ids depend only on timestamps. Ids minted later by a live
  // node differ in their time bits, so they cannot collide with these.
  const ids = createMessageIdGenerator(0);
  const idOf = new Map<TimedLine, bigint>();
  const lastSeq = new Map<ConversationKey, number>();
  return timed.map((entry) => {
    const id = ids.next(entry.createdAt);
    idOf.set(entry, id);
    const seq = (lastSeq.get(entry.conversation) ?? 0) + 1;
    lastSeq.set(entry.conversation, seq);
    return {
      id,
      seq,
      conversation: entry.conversation,
      from: entry.line.from,
      body: entry.line.text,
      createdAt: entry.createdAt,
      threadRootId: entry.root ? idOf.get(entry.root)! : null,
      reactions: pickReactions(entry, now, random),
      mentions: findMentions(entry.line.text, entry.conversation),
    };
  });
}
