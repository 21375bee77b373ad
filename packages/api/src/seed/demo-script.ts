/**
 * What the demo team says in the channels, scene by scene. Times are days
 * before the seed runs and a UTC time of day; demo-timeline.ts spaces the
 * lines out and threads the replies.
 */
import { type ConversationKey, type Handle } from "./demo-cast.ts";

export interface ScriptLine {
  from: Handle;
  text: string;
  /** Emoji others react with (who reacts is drawn from the members). */
  reactions?: readonly string[];
  replies?: readonly ScriptLine[];
}

export interface Scene {
  conversation: ConversationKey;
  daysAgo: number;
  /** "HH:MM" UTC of the first line. */
  at: string;
  lines: readonly ScriptLine[];
}

export function say(from: Handle, text: string, extras: Omit<ScriptLine, "from" | "text"> = {}): ScriptLine {
  return { from, text, ...extras };
}

export const channelScenes: readonly Scene[] = [
  {
    conversation: "general",
    daysAgo: 20,
    at: "08:30",
    lines: [
      say(
        "ana",
        "Good morning everyone! Please welcome @fatima, who joins us as Product Manager for Roadrunner 🎉 She spent the last four years on logistics products at a courier startup.",
        {
          reactions: ["🎉", "👋", "❤️"],
          replies: [
            say("ben", "Welcome Fatima! Happy to walk you through the backend whenever you like."),
            say("dara", "Welcome!! Design crits are Tue/Thu, come by 🎨"),
            say("fatima", "Thank you all! Excited to be here. Expect lots of questions this week 😅"),
          ],
        },
      ),
      say(
        "fatima",
        "Hi all 👋 Very happy to join. My first goal is to understand how couriers actually use the app, so if you have favourite support tickets, send them my way.",
      ),
    ],
  },
  {
    conversation: "random",
    daysAgo: 20,
    at: "11:05",
    lines: [
      say("eli", "The coffee machine on the 3rd floor is making that noise again."),
      say("chen", "It's not a noise, it's a cry for help"),
      say("dara", "I filed a ticket with facilities. Again. Third time this month ☕", { reactions: ["😂"] }),
      say("ben", "We should put it on the status page"),
    ],
  },
  {
    conversation: "engineering",
    daysAgo: 19,
    at: "10:15",
    lines: [
      say(
        "eli",
        "Heads up: I'd like to move production from Postgres 13 to 15 in the next two weeks. Plan is logical replication to a new cluster, then a short write freeze for the switchover. Draft runbook: https://github.com/acme/infra/pull/217",
        {
          replies: [
            say("ben", "How long is the write freeze?"),
            say("eli", "Rehearsal on staging took 3 min 40 s. I'd announce 10 minutes to be safe."),
            say("ana", "Works for me. Let's avoid the week of the 2.4 release though."),
            say("eli", "Agreed, I'll pencil it in for the week after."),
          ],
        },
      ),
      say("chen", "Anything the frontend needs to do? Or do we just show the maintenance banner?"),
      say("eli", "Just the banner. The API returns 503 with Retry-After during the freeze and the client already backs off."),
    ],
  },
  {
    conversation: "design",
    daysAgo: 19,
    at: "13:30",
    lines: [
      say("dara", "Kicking off the onboarding redesign 🚀 Goal: a courier gets from install to first delivery in under 3 minutes. Today it's ~9 on average.", {
        reactions: ["🚀", "👀"],
      }),
      say("fatima", "Love this. Support says the #1 drop-off is the vehicle details step — people don't know their plate number by heart."),
      say("dara", "Oh that's a great insight. Could we let them skip it and ask later?"),
      say("chen", "Technically easy, we only need the plate before the first pickup."),
      say("dara", "Moodboard and first flows: https://www.figma.com/file/roadrunner-onboarding-v1"),
    ],
  },
  {
    conversation: "random",
    daysAgo: 18,
    at: "12:20",
    lines: [
      say("ben", "Lunch? Thinking of the new ramen place on Rua das Flores 🍜"),
      say("chen", "In!"),
      say("eli", "Me too, 10 min"),
      say("ana", "Save me a seat, wrapping up a call"),
    ],
  },
  {
    conversation: "engineering",
    daysAgo: 17,
    at: "14:40",
    lines: [
      say(
        "ben",
        "PR for the Slack importer is up: https://github.com/acme/roadrunner/pull/482 — it streams the export instead of loading it into memory. Reviews welcome, @chen could you look at the UI part?",
        {
          replies: [
            say("chen", "Looking now. Small thing: the progress bar jumps back when a channel has no messages."),
            say("ben", "Good catch, fixed in the last commit."),
            say("chen", "LGTM ✅", { reactions: ["🙌"] }),
          ],
        },
      ),
      say(
        "ben",
        'The core of it is just an async generator over the zip entries:\n```ts\nexport async function* readChannelExport(zip: ZipReader): AsyncGenerator<SlackMessage> {\n  for await (const entry of zip.entries()) {\n    if (!entry.name.endsWith(".json")) continue;\n    for (const message of JSON.parse(await entry.text())) yield message;\n  }\n}\n```',
      ),
      say("eli", "Nice. Memory stayed flat on the 2 GB export I tried 👍"),
    ],
  },
  {
    conversation: "engineering",
    daysAgo: 17,
    at: "16:10",
    lines: [
      say("chen", "`checkout.spec.ts` failed again on main, same timeout on the map tiles. Third time this week 😩", {
        replies: [
          say("eli", "It's the tile server we hit from CI. We should stub it at the network level."),
          say("chen", "I'll route it to a fixture in Playwright, `page.route('**/tiles/**', ...)`."),
          say("ana", "Thanks. Let's quarantine the test until then so main stays green."),
        ],
      }),
    ],
  },
  {
    conversation: "design",
    daysAgo: 16,
    at: "09:45",
    lines: [
      say(
        "dara",
        "Crit today at 15:00 for onboarding v1! Flows are here: https://www.figma.com/file/roadrunner-onboarding-v1?node=42 — please leave comments before if you can't make it.",
        {
          replies: [
            say("fatima", "Left a few comments on the permissions screen. I think we ask for location too early."),
            say("chen", "The skip link on the vehicle step is great. Can it also be reached from the profile later?"),
            say("dara", 'Yes! Adding a "Finish your profile" card on the home screen.'),
            say("ben", "From the API side: the vehicle endpoint is fine with partial data, no changes needed."),
          ],
        },
      ),
    ],
  },
  {
    conversation: "general",
    daysAgo: 15,
    at: "16:00",
    lines: [
      say(
        "ana",
        "@channel All-hands notes are up: https://docs.acme.test/all-hands/q3-week-7 — highlights: 2.4 ships in a week, the Lisbon offsite is confirmed, and we are hiring a second designer.",
        { reactions: ["🙏", "🎉"] },
      ),
      say("dara", "A second designer!! 🥳"),
      say("eli", "Thanks for the notes Ana"),
    ],
  },
  {
    conversation: "random",
    daysAgo: 14,
    at: "17:30",
    lines: [
      say("dara", "Weekend plans? I'm finally doing the Sintra hike"),
      say("eli", "Take water, it's hotter than it looks"),
      say("fatima", "Going to my sister's wedding in Fès 💃", { reactions: ["❤️", "🎉"] }),
      say("chen", "Building a shelf. Wish me luck"),
      say("ben", "Measure twice, cut once. Also: same advice for database migrations 😄", { reactions: ["😂"] }),
    ],
  },
  {
    conversation: "engineering",
    daysAgo: 13,
    at: "09:12",
    lines: [
      say("eli", "🚨 p99 latency on /v1/deliveries jumped from 120 ms to 2.3 s since 08:50. Investigating.", {
        reactions: ["👀"],
        replies: [
          say("eli", "It's the new \"recent deliveries per courier\" query from yesterday's deploy: seq scan on deliveries."),
          say("ben", "My fault, I forgot the index for the new filter. Sorry!"),
          say(
            "eli",
            "Adding it concurrently so we don't lock the table:\n```sql\nCREATE INDEX CONCURRENTLY deliveries_courier_created_idx\n  ON deliveries (courier_id, created_at DESC);\n```",
          ),
          say("eli", "Index is built, p99 back to 110 ms ✅", { reactions: ["🙌", "🎉"] }),
          say("ana", "Thanks both. Let's add a check in CI that runs EXPLAIN on new queries against a seeded DB."),
        ],
      }),
      say("ben", "Writing the postmortem now, will share in #general."),
    ],
  },
  {
    conversation: "general",
    daysAgo: 12,
    at: "10:30",
    lines: [
      say(
        "ben",
        "Postmortem for yesterday's slow deliveries API: https://docs.acme.test/postmortems/2024-deliveries-index — short version: a missing index, caught by alerts in 20 minutes, fixed in 35. Action items inside.",
        { reactions: ["🙏"] },
      ),
      say("fatima", "Really clear write-up, thank you. Sharing it with support so they can answer couriers."),
    ],
  },
  {
    conversation: "design",
    daysAgo: 11,
    at: "11:20",
    lines: [
      say("chen", "Started on dark mode. Proposal: we stop using raw hex values in components and go through semantic tokens only.", {
        replies: [
          say("dara", "Yes please. I'll mirror the same names in Figma variables."),
          say(
            "chen",
            'Something like this:\n```css\n:root {\n  --surface: #ffffff;\n  --text-primary: #1d1c1d;\n  --accent: #1264a3;\n}\n[data-theme="dark"] {\n  --surface: #1a1d21;\n  --text-primary: #e8e8e8;\n  --accent: #4aa3df;\n}\n```',
          ),
          say("dara", "Accent in dark looks great. Let's check contrast on the map overlays too."),
        ],
      }),
      say("fatima", "Is dark mode in scope for 2.5 or later?"),
      say("chen", "Tokens in 2.5, the toggle in 2.6 probably."),
    ],
  },
  {
    conversation: "engineering",
    daysAgo: 9,
    at: "15:05",
    lines: [
      say("ana", "Release freeze for 2.4 starts tomorrow 14:00 UTC. Anything risky should go behind a flag."),
      say("chen", 'The new composer is flagged:\n```ts\nif (flags.isEnabled("new-composer", { userId })) {\n  return <Composer v2 />;\n}\n```'),
      say("ben", "Importer is flagged off for everyone except the Acme workspace.", { reactions: ["👍"] }),
    ],
  },
  {
    conversation: "random",
    daysAgo: 8,
    at: "13:00",
    lines: [
      say("fatima", "Book club pick for next month? I vote *The Manager's Path*."),
      say("ana", "Ha, I'm not sure how I feel about my team reading that 😄"),
      say("chen", "+1 for Designing Data-Intensive Applications, we keep quoting it anyway"),
      say("dara", "Something without diagrams please 🙏", { reactions: ["😂", "😂"] }),
      say("eli", "The Phoenix Project? Fiction-ish, with diagrams only in your head."),
    ],
  },
  {
    conversation: "general",
    daysAgo: 7,
    at: "15:30",
    lines: [
      say(
        "ana",
        "🚀 Roadrunner 2.4 is out! Live tracking is 40% lighter on battery, the courier chat is faster, and the importer is in beta. Release notes: https://acme.test/changelog/2-4 — huge thanks to everyone.",
        {
          reactions: ["🎉", "🚀", "❤️", "🙌"],
          replies: [
            say("fatima", "Support already reports fewer battery complaints this morning 🔋"),
            say("eli", "Zero alerts during the rollout. Boring deploys are the best deploys."),
            say("dara", "So proud of this one!"),
          ],
        },
      ),
    ],
  },
  {
    conversation: "design",
    daysAgo: 6,
    at: "10:00",
    lines: [
      say(
        "dara",
        "Usability test results for onboarding v1 (5 couriers):\n- 5/5 finished without help\n- median time **2 min 50 s** (target: 3 min ✅)\n- 3/5 hesitated on the location permission\nFull notes: https://docs.acme.test/research/onboarding-v1",
        {
          reactions: ["🎉", "👏"],
          replies: [
            say("fatima", "Under 3 minutes! What made them hesitate on location?"),
            say("dara", "They thought we'd track them off-shift. We need one sentence explaining we only track during deliveries."),
            say("ana", "Can we link the privacy page right there too?"),
            say("dara", "Yes, adding it to v2."),
          ],
        },
      ),
    ],
  },
  {
    conversation: "engineering",
    daysAgo: 5,
    at: "07:00",
    lines: [
      say("eli", "Postgres 15 switchover is done ✅ Write freeze lasted 4 min 12 s. Old cluster stays read-only for a week, then I'll decommission it.", {
        reactions: ["🎉", "🙌", "🚀"],
      }),
      say("ben", "Smooth. Query times on the history endpoint look ~15% better too."),
      say("ana", "Great work @eli, thank you for the careful rehearsal."),
    ],
  },
  {
    conversation: "random",
    daysAgo: 4,
    at: "16:45",
    lines: [
      say("ana", "Offsite in Lisbon is booked for the 14th–16th 🎉 Ideas for the team dinner?", {
        reactions: ["🎉"],
        replies: [
          say("dara", "Somewhere with grilled fish!"),
          say("ben", "Anything but ramen, we've been there 12 times"),
          say("chen", "There's a place in Alfama with fado on Thursdays"),
          say("fatima", "Fado + grilled fish = perfect"),
        ],
      }),
    ],
  },
  {
    conversation: "general",
    daysAgo: 2,
    at: "09:30",
    lines: [
      say(
        "fatima",
        "@here Offsite logistics: flights are booked for everyone, hotel details are in the doc: https://docs.acme.test/offsite/lisbon — please add dietary needs by Friday.",
      ),
      say("eli", "Done ✅"),
      say("chen", "Done, thanks for organising!"),
    ],
  },
  {
    conversation: "engineering",
    daysAgo: 2,
    at: "14:20",
    lines: [
      say("chen", "Flaky checkout test is fixed for real: tiles come from a fixture now and the test runs in 4 s instead of 30.", { reactions: ["🙌", "🎉"] }),
      say("ana", "Un-quarantined it. Thanks @chen!"),
    ],
  },
  {
    conversation: "design",
    daysAgo: 1,
    at: "15:00",
    lines: [
      say(
        "dara",
        'Onboarding v2 is ready for crit: https://www.figma.com/file/roadrunner-onboarding-v2 — new: location explainer, privacy link, "Finish your profile" card.',
        {
          replies: [
            say("chen", "The explainer reads really well. One nit: the illustration pushes the button below the fold on small phones."),
            say("dara", "Good point, I'll scale it down on < 700 px height."),
          ],
        },
      ),
      say("fatima", "Can we ship v2 to 10% of new couriers next week?"),
      say("ana", "If @chen thinks the flag is ready, I'm in."),
    ],
  },
  {
    conversation: "engineering",
    daysAgo: 0,
    at: "08:40",
    lines: [
      say("ana", "Morning! Reminder: planning for 2.5 is at 11:00. Bring your top three."),
      say("eli", "Mine: alert tuning, the Redis cluster, and a restore drill."),
      say("ben", "Importer GA, message export, and the partition archiving job."),
      say("chen", "Virtualized message list, dark mode tokens, and the Safari scroll bug. Also @ana the onboarding flag is ready for 10%."),
      say("eli", "Deploy window today is 14:00 as usual, nothing risky queued."),
    ],
  },
  {
    conversation: "design",
    daysAgo: 0,
    at: "09:50",
    lines: [
      say("dara", "Updated v2 with the smaller illustration, the button is above the fold on an iPhone SE now."),
      say("fatima", "Looks great. @ana this is ready for the 10% rollout on our side."),
    ],
  },
  { conversation: "random", daysAgo: 0, at: "12:10", lines: [say("ben", "Grilled fish for lunch, as practice for the offsite? 🐟"), say("dara", "Obviously")] },
];
