/** More demo history: weekly wins threads, code review, design system work and small talk. */
import { say, type Scene } from "./demo-script.ts";

const winsByWeek: ReadonlyArray<readonly [string, string, string, string, string]> = [
  [
    "Importer streams a 2 GB export with flat memory 🎉",
    "Composer toolbar shipped behind a flag",
    "Postgres 15 rehearsal went smoothly on staging",
    "Onboarding kickoff + first flows",
    "Talked to 12 couriers about their first week",
  ],
  [
    "Postmortem done within a day of the incident",
    "Dark mode tokens proposal agreed with Dara",
    "p99 alert now pages 40% less, all real",
    "Usability test with 5 couriers: all finished onboarding",
    "2.4 release notes drafted with support",
  ],
  [
    "History endpoint ~15% faster on Postgres 15",
    "Flaky checkout test fixed for good",
    "Switchover done with a 4 min write freeze",
    "Onboarding v2 with the location explainer",
    "2.5 roadmap draft shared",
  ],
];

/** A "wins of the week" thread in #general, one reply per person. */
function winsScene(daysAgo: number, wins: readonly [string, string, string, string, string]): Scene {
  const [ben, chen, eli, dara, fatima] = wins;
  return {
    conversation: "general",
    daysAgo,
    at: "16:30",
    lines: [
      say("ana", "🏆 Wins of the week! Reply in the thread with one thing you're proud of.", {
        reactions: ["🏆"],
        replies: [
          say("ben", ben),
          say("chen", chen),
          say("eli", eli),
          say("dara", dara),
          say("fatima", fatima),
          say("ana", "Thank you all, great week. Have a good weekend! 🌞"),
        ],
      }),
    ],
  };
}

export const extraScenes: readonly Scene[] = [
  winsScene(16, winsByWeek[0]!),
  winsScene(9, winsByWeek[1]!),
  winsScene(2, winsByWeek[2]!),
  {
    conversation: "general",
    daysAgo: 11,
    at: "08:00",
    lines: [
      say("dara", "Happy birthday @chen!! 🎂🎈", {
        reactions: ["🎂", "🎉", "❤️"],
        replies: [
          say("ben", "Happy birthday Chen! 🎉"),
          say("eli", "Happy birthday! Cake in the kitchen at 15:00?"),
          say("chen", "Thank you all 🥹 Yes, I brought pastéis de nata"),
        ],
      }),
    ],
  },
  {
    conversation: "general",
    daysAgo: 5,
    at: "11:00",
    lines: [
      say(
        "fatima",
        'Customer story of the week: a courier in Porto did 41 deliveries on Saturday without opening the support chat once. Her words: "the app finally gets out of my way" 🥲',
        { reactions: ["❤️", "🙌", "🎉"] },
      ),
      say("dara", "This made my day"),
      say("ben", "Framing this one"),
    ],
  },
  {
    conversation: "random",
    daysAgo: 17,
    at: "08:45",
    lines: [
      say("eli", "Mochi (my dog) ate my on-call notebook. Not a joke. Pager still works though 🐶"),
      say("chen", 'The most believable "the dog ate my homework" ever'),
      say("dara", "We need a photo of the culprit"),
      say("eli", "He looks very proud of himself. Will post at lunch."),
    ],
  },
  {
    conversation: "random",
    daysAgo: 15,
    at: "12:40",
    lines: [
      say("ben", "Good read on why queues should be bounded: https://ferd.ca/queues-don-t-fix-overload.html", { reactions: ["👀"] }),
      say("eli", "A classic. I send it to someone every quarter."),
      say("chen", "The drawings are the best part"),
    ],
  },
  {
    conversation: "random",
    daysAgo: 12,
    at: "17:50",
    lines: [
      say("chen", "Shelf update: it stands. It is slightly crooked. I have decided this is a design choice.", { reactions: ["😂", "🙌"] }),
      say("dara", "Wabi-sabi 🪵"),
      say("ben", "Ship it"),
    ],
  },
  {
    conversation: "random",
    daysAgo: 10,
    at: "09:05",
    lines: [
      say("dara", "The coffee machine is FIXED ☕🎉", { reactions: ["🎉", "🎉", "☕"] }),
      say("eli", "Closing the incident. Root cause: descaling, 6 months overdue."),
      say("ana", "Postmortem by Friday please @eli 😄"),
    ],
  },
  {
    conversation: "random",
    daysAgo: 6,
    at: "15:15",
    lines: [
      say("fatima", "What's everyone listening to while working? Need a new focus playlist."),
      say("ben", "Lo-fi beats, always. Or the Interstellar soundtrack when the migration is scary."),
      say("dara", "Nils Frahm"),
      say("chen", "Rain sounds. 10 hours of them."),
      say("eli", "The hum of the server room, but we don't have one anymore 😢"),
    ],
  },
  {
    conversation: "random",
    daysAgo: 3,
    at: "18:05",
    lines: [
      say("ana", "It's raining in Lisbon for the first time in 4 months and everyone in the office went to the window 🌧️"),
      say("fatima", "Same in Casablanca, the whole street smelled like wet dust"),
      say("chen", "Petrichor! Today I learned the word."),
    ],
  },
  {
    conversation: "engineering",
    daysAgo: 15,
    at: "13:10",
    lines: [
      say("ben", "Renovate opened 14 PRs overnight. I'll merge the patch updates, minor ones need a look.", {
        replies: [
          say("chen", "I'll take the React ones."),
          say("eli", "Leave the pg driver for me, I want to read its changelog first."),
          say("ben", "Deal. All patch PRs merged, CI green."),
        ],
      }),
    ],
  },
  {
    conversation: "engineering",
    daysAgo: 11,
    at: "16:25",
    lines: [
      say("chen", "Question for @ben: the history endpoint returns `hasMore: true` on the last page when the count is exactly the page size. Bug or feature?", {
        replies: [
          say("ben", "Bug. We should fetch `limit + 1` rows and check the extra one."),
          say(
            "ben",
            "Fix:\n```ts\nconst rows = await repo.history(conversationId, { beforeSeq, limit: limit + 1 });\nreturn { messages: rows.slice(0, limit), hasMore: rows.length > limit };\n```",
          ),
          say("chen", "Perfect, the client can drop its workaround then."),
        ],
      }),
    ],
  },
  {
    conversation: "engineering",
    daysAgo: 8,
    at: "11:40",
    lines: [
      say("eli", "On-call handover: quiet week, 2 pages (both the tile server), one ticket about slow exports. Next on call is @ben.", {
        replies: [
          say("ben", "Got it. Is the tile server alert still needed now that CI stubs it?"),
          say("eli", "For production yes, couriers see blank maps when it's down."),
        ],
      }),
    ],
  },
  {
    conversation: "engineering",
    daysAgo: 4,
    at: "10:30",
    lines: [
      say(
        "ben",
        "Benchmark of the partitioned messages table, 10M rows:\n```\nnewest page       p99  0.9 ms\n1M messages back  p99  1.4 ms\ninsert            ~21k rows/s\n```\nPartition pruning works as long as the cursor carries the id.",
        { reactions: ["🚀", "👀"] },
      ),
      say("eli", "Lovely. What about the planner time with 25 partitions?"),
      say("ben", "2–4 ms without prepared statements, <0.5 ms with them. So: prepare the hot queries."),
    ],
  },
  {
    conversation: "design",
    daysAgo: 14,
    at: "14:20",
    lines: [
      say("dara", "New icon set for the courier app is in the library: 48 icons, 24 px grid, 2 px stroke. https://www.figma.com/file/roadrunner-icons", {
        reactions: ["😍", "🎨"],
      }),
      say("chen", "Can you export them as one SVG sprite? I'll wire them into the icon component."),
      say("dara", "Done, it's in the drive folder."),
    ],
  },
  {
    conversation: "design",
    daysAgo: 9,
    at: "10:45",
    lines: [
      say("fatima", "Accessibility audit came back. Main issues: contrast on the secondary buttons and missing labels on map controls.", {
        replies: [
          say("dara", "Secondary buttons go from #8a8a8a to #616061 — passes AA now."),
          say("chen", "Labels added to all map controls, and the zoom buttons are reachable by keyboard."),
          say("fatima", "Amazing turnaround, thanks both 🙏"),
        ],
      }),
    ],
  },
  {
    conversation: "design",
    daysAgo: 4,
    at: "13:30",
    lines: [
      say("chen", "Button states in code now match Figma exactly: default, hover, active, focus-visible, disabled, loading."),
      say("dara", "Checked on staging, the focus ring is 👌"),
    ],
  },
  {
    conversation: "dm-ana-fatima",
    daysAgo: 12,
    at: "17:10",
    lines: [
      say("fatima", "Do you have 15 minutes tomorrow? I'd like your take on how we communicate the incident to customers."),
      say("ana", "Yes, 09:30 works. Short and honest is usually best: what happened, impact, what we changed."),
      say("fatima", "👍 I'll bring a draft."),
    ],
  },
  {
    conversation: "dm-ana-dara",
    daysAgo: 5,
    at: "16:40",
    lines: [
      say("ana", "How are you feeling about the second designer hire? Want to be on the panel?"),
      say("dara", "Yes please! I can run the portfolio review."),
      say("ana", "Great, I'll add you to the loop."),
    ],
  },
  {
    conversation: "random",
    daysAgo: 19,
    at: "17:20",
    lines: [
      say("fatima", "First week survival tip request: where do people go for a quiet hour?"),
      say("dara", "The library corner on the 2nd floor. Nobody takes calls there."),
      say("ben", "Headphones and a status emoji 🎧"),
      say("eli", "The rooftop, when it's not windy. Which is never."),
    ],
  },
  {
    conversation: "random",
    daysAgo: 1,
    at: "17:40",
    lines: [
      say("chen", "PSA: the Lisbon offsite hotel has a pool 🏊", { reactions: ["🏊", "🎉"] }),
      say("eli", "Packing the swimsuit next to the laptop"),
      say("fatima", "Agenda says 2 hours of free time per day, so yes"),
    ],
  },
  {
    conversation: "design",
    daysAgo: 17,
    at: "11:10",
    lines: [
      say("dara", "Quick poll: should the delivery card show the ETA or the distance first? React with 🕐 for ETA, 📍 for distance.", {
        reactions: ["🕐", "🕐", "📍"],
      }),
      say("fatima", 'ETA. Couriers plan around time, customers ask "when", never "how far".'),
      say("chen", "ETA, and distance in smaller type below it?"),
      say("dara", "ETA it is, thanks!"),
    ],
  },
  {
    conversation: "dm-ana-ben",
    daysAgo: 8,
    at: "09:20",
    lines: [
      say("ana", "You're on call from Monday. Anything you need from me before then?"),
      say("ben", "Access to the status page admin, I still don't have it."),
      say("ana", "Granted. Ping me any time if it gets noisy, I'm the escalation this week."),
      say("ben", "Thanks 🙏"),
    ],
  },
  {
    conversation: "group-release",
    daysAgo: 2,
    at: "11:15",
    lines: [
      say("ana", "2.5 will be a smaller release: onboarding v2 to 10%, importer GA, dark mode tokens. Same checklist as last time?"),
      say("eli", "Same, plus a restore drill the week before, I want that muscle trained."),
      say("chen", "I'll own changelog and screenshots again. Dark mode screenshots will look 🔥"),
    ],
  },
];
