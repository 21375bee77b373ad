import { Avatar } from "./Avatar.tsx";
import { HashIcon, LockIcon } from "./icons.tsx";
import type { ConversationKind } from "./Sidebar.tsx";

export interface ConversationIntroProps {
  kind: ConversationKind;
  name: string;
  topic: string;
  /** DMs: the other people, by name. */
  otherMemberNames: string[];
}

/** Slack's first screen of a conversation: what this place is, above its (first) messages. */
export function ConversationIntro({ kind, name, topic, otherMemberNames }: ConversationIntroProps) {
  if (kind === "dm" || kind === "group_dm") {
    const people = otherMemberNames.length > 0 ? otherMemberNames : [name];
    return (
      <div className="px-5 pt-10 pb-4">
        <div className="mb-3 flex -space-x-2">
          {people.slice(0, 4).map((person) => (
            <Avatar key={person} name={person} size="lg" className="ring-4 ring-surface" />
          ))}
        </div>
        <h2 className="text-[22px] font-black text-text">{name}</h2>
        <p className="mt-1 text-[15px] text-text-muted">
          {otherMemberNames.length === 0
            ? "This is your space. Draft messages, list your to-dos, or keep links and files handy."
            : `This is the very beginning of your direct message history with ${joinNames(otherMemberNames)}.`}
        </p>
      </div>
    );
  }
  return (
    <div className="px-5 pt-10 pb-4">
      <h2 className="flex items-center gap-1 text-[28px] font-black text-text">
        {kind === "private_channel" ? <LockIcon className="size-7" /> : <HashIcon className="size-7" />}
        <span className="break-all">{name}</span>
      </h2>
      <p className="mt-2 text-[15px] text-text-muted">
        This is the very beginning of the <span className="font-semibold text-link">#{name}</span> channel.
      </p>
      {topic ? <p className="mt-1 text-[15px] text-text">{topic}</p> : null}
    </div>
  );
}

function joinNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}
