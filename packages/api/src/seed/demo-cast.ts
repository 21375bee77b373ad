/**
 * Who and where in the demo workspace "Acme": a small product team building
 * "Roadrunner", a delivery-tracking app.
 */
export type Handle = "ana" | "ben" | "chen" | "dara" | "eli" | "fatima";

export interface DemoPerson {
  handle: Handle;
  name: string;
  email: string;
  title: string;
  timeZone: string;
  role: "owner" | "admin" | "member";
  statusEmoji?: string;
  statusText?: string;
}

export const DEMO_WORKSPACE = { slug: "acme", name: "Acme" } as const;
export const DEMO_PASSWORD = "parley-demo";
export const DEMO_LOGIN_HANDLE: Handle = "ana";

export const demoPeople: readonly DemoPerson[] = [
  { handle: "ana", name: "Ana Silva", email: "ana@acme.test", title: "Engineering Manager", timeZone: "Europe/Lisbon", role: "owner" },
  {
    handle: "ben",
    name: "Ben Okafor",
    email: "ben@acme.test",
    title: "Backend Engineer",
    timeZone: "Africa/Lagos",
    role: "admin",
    statusEmoji: "🎧",
    statusText: "Heads down on the importer",
  },
  { handle: "chen", name: "Chen Wei", email: "chen@acme.test", title: "Frontend Engineer", timeZone: "Asia/Singapore", role: "member" },
  {
    handle: "dara",
    name: "Dara Murphy",
    email: "dara@acme.test",
    title: "Product Designer",
    timeZone: "Europe/Dublin",
    role: "member",
    statusEmoji: "🎨",
    statusText: "Crits Tue & Thu",
  },
  {
    handle: "eli",
    name: "Eli Cohen",
    email: "eli@acme.test",
    title: "Site Reliability Engineer",
    timeZone: "Asia/Jerusalem",
    role: "member",
    statusEmoji: "📟",
    statusText: "On call this week",
  },
  { handle: "fatima", name: "Fatima Zahra", email: "fatima@acme.test", title: "Product Manager", timeZone: "Africa/Casablanca", role: "member" },
];

export type ConversationKey = "general" | "random" | "engineering" | "design" | "dm-ana-ben" | "dm-ana-dara" | "dm-ana-fatima" | "group-release";

export interface DemoConversation {
  key: ConversationKey;
  kind: "channel" | "private_channel" | "dm" | "group_dm";
  name: string | null;
  topic: string;
  purpose: string;
  members: readonly Handle[];
  /** Messages at the end Ana has not read yet (never her own). */
  unreadForAna: number;
}

const everyone: readonly Handle[] = demoPeople.map((person) => person.handle);

export const demoConversations: readonly DemoConversation[] = [
  {
    key: "general",
    kind: "channel",
    name: "general",
    topic: "Company-wide news. Be kind, be brief.",
    purpose: "Announcements and things everyone should see.",
    members: everyone,
    unreadForAna: 0,
  },
  {
    key: "random",
    kind: "channel",
    name: "random",
    topic: "Lunch, links, pets and weekend plans ☕",
    purpose: "Everything that is not work.",
    members: everyone,
    unreadForAna: 0,
  },
  {
    key: "engineering",
    kind: "private_channel",
    name: "engineering",
    topic: "Deploys 14:00 UTC · on call: @eli · PRs need one review",
    purpose: "Backend, frontend, infra and code review.",
    members: ["ana", "ben", "chen", "eli"],
    unreadForAna: 4,
  },
  {
    key: "design",
    kind: "channel",
    name: "design",
    topic: "Crits Tuesdays & Thursdays. Figma links welcome.",
    purpose: "Product design, UX research and the design system.",
    members: ["ana", "chen", "dara", "fatima", "ben"],
    unreadForAna: 2,
  },
  { key: "dm-ana-ben", kind: "dm", name: null, topic: "", purpose: "", members: ["ana", "ben"], unreadForAna: 0 },
  { key: "dm-ana-dara", kind: "dm", name: null, topic: "", purpose: "", members: ["ana", "dara"], unreadForAna: 1 },
  { key: "dm-ana-fatima", kind: "dm", name: null, topic: "", purpose: "", members: ["ana", "fatima"], unreadForAna: 0 },
  { key: "group-release", kind: "group_dm", name: null, topic: "", purpose: "", members: ["ana", "chen", "eli"], unreadForAna: 0 },
];
