/** Direct messages, the group DM and the #engineering standup threads of the demo. */
import { type Handle } from "./demo-cast.ts";
import { say, type Scene } from "./demo-script.ts";
import { type RandomSource } from "./prng.ts";

export const directScenes: readonly Scene[] = [
  {
    conversation: "dm-ana-ben",
    daysAgo: 18,
    at: "08:50",
    lines: [
      say("ana", "Hey Ben, for our 1:1 today: anything you want to put on the agenda?"),
      say("ben", "Two things: the importer scope, and whether I can take the Postgres course in October."),
      say("ana", "Both good. The course is a yes already, send me the link and I'll approve it."),
      say("ben", "🙏 https://www.postgresql.org/about/events/"),
    ],
  },
  {
    conversation: "dm-ana-ben",
    daysAgo: 13,
    at: "11:30",
    lines: [
      say("ben", "Sorry again about the index this morning."),
      say("ana", "No blame, it happens. The alert caught it in minutes and you owned the postmortem. That's exactly what I want to see."),
      say("ben", "Thanks. I'll add the EXPLAIN check to CI this sprint."),
    ],
  },
  {
    conversation: "dm-ana-ben",
    daysAgo: 3,
    at: "16:20",
    lines: [
      say("ben", "Importer GA estimate: two sprints. The long pole is mapping Slack's user ids to ours when emails differ."),
      say("ana", "Fine by me. Can you write that in the planning doc so Fatima sees the trade-off?"),
      say("ben", "Done: https://docs.acme.test/planning/2-5#importer", { reactions: ["👍"] }),
    ],
  },
  {
    conversation: "dm-ana-dara",
    daysAgo: 10,
    at: "14:00",
    lines: [
      say("dara", "Could I borrow 30 minutes of your time to watch two research recordings? I'd love a second opinion on the permission screen."),
      say("ana", "Of course. Tomorrow 10:00?"),
      say("dara", "Perfect, sending an invite 📅"),
    ],
  },
  {
    conversation: "dm-ana-dara",
    daysAgo: 0,
    at: "10:05",
    lines: [
      say("ana", "Loved the v2 explainer copy, by the way."),
      say("dara", "Thank you! Also — are you okay with me presenting the research at the offsite? 15 minutes max."),
    ],
  },
  {
    conversation: "dm-ana-fatima",
    daysAgo: 3,
    at: "09:15",
    lines: [
      say(
        "fatima",
        "Draft of the 2.5 roadmap: https://docs.acme.test/roadmap/2-5 — I put onboarding v2 first and dark mode last. Does the order make sense to you?",
      ),
      say("ana", "Mostly yes. I'd move the importer above message export, two customers are waiting on it."),
      say("fatima", "Makes sense, updated ✅"),
    ],
  },
  {
    conversation: "group-release",
    daysAgo: 13,
    at: "15:30",
    lines: [
      say("ana", "Release checklist for 2.4, who takes what?\n1. Changelog\n2. Store screenshots\n3. Rollout + monitoring"),
      say("chen", "I'll take 1 and 2."),
      say("eli", "3 is mine. Staged rollout: 5% → 25% → 100% over two days."),
    ],
  },
  {
    conversation: "group-release",
    daysAgo: 8,
    at: "10:10",
    lines: [
      say("eli", "5% is out, crash-free sessions at 99.8%, same as 2.3."),
      say("chen", "Store screenshots are uploaded for both stores 📱"),
      say("ana", "Let's go to 25% after lunch if nothing changes."),
    ],
  },
  {
    conversation: "group-release",
    daysAgo: 7,
    at: "14:45",
    lines: [say("eli", "100% ✅ No new crash clusters."), say("ana", "🎉 Announcing in #general now.", { reactions: ["🎉"] })],
  },
];

// ---------- #engineering standups: one thread per working day ----------

const standupTasks: Record<"ben" | "chen" | "eli", readonly string[]> = {
  ben: [
    "the Slack importer: users and channels are done",
    "cursor pagination for the history endpoint",
    "reviewing @chen's composer PR",
    "idempotency keys for message sends",
    "the export job's memory leak",
    "partition pruning benchmarks on the messages table",
  ],
  chen: [
    "the new composer toolbar",
    "dark mode tokens",
    "the virtualized message list",
    "onboarding screens from Dara's v2",
    "the Safari scroll jump",
    "the keyboard shortcuts dialog",
  ],
  eli: [
    "Postgres 15 rehearsal on staging",
    "tuning the p99 latency alert",
    "Terraform for the new Redis cluster",
    "the failover runbook",
    "a backup restore drill",
    "on-call handover notes",
  ],
};

const weekdayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

// Fixed days (not "every weekday before today") so the text does not depend on
// the date the seed runs; only the weekday in the title does.
const standupDaysAgo = [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 15, 16, 17, 18];

/** One standup thread per day in standupDaysAgo, with Ben's, Chen's and Eli's updates. */
export function standupScenes(today: Date, random: RandomSource): Scene[] {
  return standupDaysAgo.map((daysAgo) => {
    const weekday = new Date(today.getTime() - daysAgo * 86_400_000).getUTCDay();
    const replies = (["ben", "chen", "eli"] as const).map((handle) => {
      const [yesterday, todayTask] = random.sample(standupTasks[handle], 2);
      const blocker = random.chance(0.2) ? `waiting on a review from @${handle === "ben" ? "chen" : "ben"}` : "none";
      return say(handle as Handle, `**Yesterday:** ${yesterday}\n**Today:** ${todayTask}\n**Blockers:** ${blocker}`);
    });
    return { conversation: "engineering", daysAgo, at: "08:05", lines: [say("ana", `🧵 Standup — ${weekdayNames[weekday]}`, { replies })] };
  });
}
