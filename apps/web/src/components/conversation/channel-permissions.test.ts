import type { ConversationSummary, WorkspaceShell } from "@parley/api/workspaces/workspaces.schema";
import { describe, expect, it } from "vitest";
import { canAddPeopleTo, canEditSettingsOf, conversationAfterLeaving, readOnlyReasonOf } from "./channel-permissions.ts";

const channel = { kind: "channel" as const, isMember: true, isArchived: false };

describe("readOnlyReasonOf", () => {
  it("lets members of a live conversation post, and says why everyone else can't", () => {
    expect(readOnlyReasonOf(channel)).toBeNull();
    expect(readOnlyReasonOf({ ...channel, kind: "dm" })).toBeNull();
    expect(readOnlyReasonOf({ ...channel, isArchived: true })).toBe("archived");
    expect(readOnlyReasonOf({ ...channel, isMember: false })).toBe("not-member");
    // Archived wins: joining would not help.
    expect(readOnlyReasonOf({ ...channel, isMember: false, isArchived: true })).toBe("archived");
  });
});

describe("canAddPeopleTo and canEditSettingsOf", () => {
  it("mirror inviteMembers and setTopic: channel members, not archived; no guests inviting; never DMs", () => {
    expect(canAddPeopleTo(channel, "member")).toBe(true);
    expect(canAddPeopleTo({ ...channel, kind: "private_channel" }, "admin")).toBe(true);
    expect(canAddPeopleTo(channel, "guest")).toBe(false);
    expect(canAddPeopleTo({ ...channel, isArchived: true }, "owner")).toBe(false);
    expect(canAddPeopleTo({ ...channel, isMember: false }, "owner")).toBe(false);
    expect(canAddPeopleTo({ ...channel, kind: "group_dm" }, "owner")).toBe(false);
    expect(canEditSettingsOf(channel)).toBe(true);
    expect(canEditSettingsOf({ ...channel, isArchived: true })).toBe(false);
    expect(canEditSettingsOf({ ...channel, isMember: false })).toBe(false);
    expect(canEditSettingsOf({ ...channel, kind: "dm" })).toBe(false);
  });
});

describe("conversationAfterLeaving", () => {
  const summary = (id: string, displayName: string, kind: ConversationSummary["kind"] = "channel"): ConversationSummary => ({
    id,
    kind,
    displayName,
    topic: "",
    memberCount: 2,
    unreadCount: 0,
    mentionCount: 0,
    lastMessageAt: null,
    otherMembers: [],
  });
  const shellWith = (channels: ConversationSummary[], directMessages: ConversationSummary[] = []): WorkspaceShell => ({
    workspace: { id: "w", slug: "acme", name: "Acme" },
    role: "member",
    me: { id: "me", name: "Me", email: "me@example.test" },
    channels,
    directMessages,
  });

  it("goes to #general, else the first other channel, else a DM, else nowhere", () => {
    expect(conversationAfterLeaving(shellWith([summary("a", "alpha"), summary("g", "general"), summary("x", "leaving")]), "x")?.id).toBe("g");
    expect(conversationAfterLeaving(shellWith([summary("g", "general"), summary("b", "beta")]), "g")?.id).toBe("b");
    expect(conversationAfterLeaving(shellWith([summary("x", "leaving")], [summary("d", "Ana", "dm")]), "x")?.id).toBe("d");
    expect(conversationAfterLeaving(shellWith([summary("x", "leaving")]), "x")).toBeNull();
  });
});
