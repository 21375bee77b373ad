/**
 * The messaging core between two people in two browser contexts, against the
 * built app: a channel created in the UI, someone added through "Add people",
 * messages both ways with unread counts, a topic, a DM, leaving, archiving
 * (the composer gives way to a read-only banner) and a `?seq=` link that opens
 * the history around a message and highlights it. Screenshots (desktop
 * 1280x800, phone 390x844, light and dark) go to e2e/artifacts/. Each test
 * seeds Linus's workspace (and Rosalind, and the channel where it is not what
 * the test is about) through the API (e2e/fixtures.ts) and runs alone.
 */
import type { Page } from "@playwright/test";
import { expect, test, type Person, type Seed, type SeededChannel, type SeededWorkspace } from "./fixtures.ts";
import { composer, desktop, heading, history, messageRow, openFromSidebar, phone, send, shot, sidebar, sidebarLink } from "./support.ts";

const channel = "launch-plan";

const membersButton = (page: Page) => page.getByRole("button", { name: /^View members/ });

async function chooseFromChannelMenu(page: Page, item: string) {
  await page.getByRole("button", { name: "Channel settings" }).click();
  await page.getByRole("menuitem", { name: item }).click();
}

async function expectInOrder(page: Page, texts: string[]) {
  const rows = await history(page).getByRole("article").allInnerTexts();
  const positions = texts.map((text) => rows.findIndex((row) => row.includes(text)));
  expect(Math.min(...positions), `all of ${texts.join(" | ")} shown`).toBeGreaterThanOrEqual(0);
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
}

/** Linus's "Chemistry Lab", and Rosalind who joined it by invite. */
async function linusAndRosalind(seed: Seed): Promise<{ workspace: SeededWorkspace; linus: Person; rosalind: Person }> {
  const workspace = await seed.workspace({ ownerName: "Linus Pauling", name: "Chemistry Lab" });
  return { workspace, linus: workspace.owner, rosalind: await seed.teammate(workspace, "Rosalind Franklin") };
}

/** #launch-plan as the earlier steps of a channel's life leave it: Linus alone in it, archived. */
async function archivedChannelOfLinus(seed: Seed, workspace: SeededWorkspace): Promise<SeededChannel> {
  const launchPlan = await seed.channel(workspace, workspace.owner, { name: channel });
  await seed.message(workspace.owner, launchPlan, "Kickoff: plan for the launch");
  await seed.archive(workspace.owner, launchPlan);
  return launchPlan;
}

test("a channel's life between two people: add people, talk, topic, DM, leave, archive", async ({ seed, pageAs }) => {
  test.setTimeout(240_000);
  const { workspace, linus, rosalind } = await linusAndRosalind(seed);
  const linusPage = await pageAs(linus);
  const rosalindPage = await pageAs(rosalind);
  await linusPage.goto(workspace.path);
  await rosalindPage.goto(workspace.path);
  await expect(heading(linusPage, "general")).toBeVisible();
  await expect(heading(rosalindPage, "general")).toBeVisible();

  // Linus creates the channel in the UI and adds Rosalind from the member list.
  await sidebar(linusPage).getByRole("button", { name: "Add a channel" }).click();
  await linusPage.getByRole("menuitem", { name: "Create a channel" }).click();
  await linusPage.getByRole("dialog", { name: "Create a channel" }).getByLabel("Name").fill(channel);
  await linusPage.getByRole("dialog", { name: "Create a channel" }).getByRole("button", { name: "Create" }).click();
  await expect(heading(linusPage, channel)).toBeVisible();
  const channelPath = new URL(linusPage.url()).pathname;
  await expect(membersButton(linusPage)).toHaveAccessibleName("View members (1 member)");
  await membersButton(linusPage).click();
  const members = linusPage.getByRole("dialog", { name: `1 member in #${channel}` });
  // Keyboard-first: the search field has focus as the dialog opens.
  await expect(members.getByLabel("Find members")).toBeFocused();
  await expect(members.getByRole("list", { name: "Members" })).toContainText(`${linus.name} (you)`);
  await members.getByRole("button", { name: "Add people" }).click();
  const addPeople = linusPage.getByRole("dialog", { name: `Add people to #${channel}` });
  await addPeople.getByLabel("Search people by name or email").fill("Rosalind");
  await addPeople
    .getByRole("list", { name: "People" })
    .getByRole("button", { name: new RegExp(rosalind.name) })
    .click();
  await addPeople.getByRole("button", { name: "Add", exact: true }).click();
  const twoMembers = linusPage.getByRole("dialog", { name: `2 members in #${channel}` });
  await expect(twoMembers.getByRole("list", { name: "Members" }).getByRole("listitem").filter({ hasText: rosalind.name })).toBeVisible();
  await expect(twoMembers.getByRole("listitem").filter({ hasText: linus.name })).toContainText("Channel creator");
  await shot(linusPage, "channels-members-dialog-desktop");
  // Esc closes the dialog (native <dialog>), and focus is back on the page.
  await linusPage.keyboard.press("Escape");
  await expect(twoMembers).toBeHidden();
  await expect(membersButton(linusPage)).toHaveAccessibleName("View members (2 members)");

  // Linus talks while Rosalind is elsewhere: she gets the channel with two unread.
  await send(linusPage, `#${channel}`, "Kickoff: plan for the launch");
  await send(linusPage, `#${channel}`, "Rosalind, can you take the imaging part?");
  await expect(sidebarLink(rosalindPage, channel).getByLabel("2 unread")).toBeVisible({ timeout: 15_000 });
  await openFromSidebar(rosalindPage, channel);
  await expect(history(rosalindPage).getByRole("separator", { name: "New messages" })).toBeVisible();
  await expect(sidebarLink(rosalindPage, channel).getByLabel(/unread/)).toHaveCount(0);
  await send(rosalindPage, `#${channel}`, "Yes, photo 51 is ready");

  // Rosalind answers while Linus is in #general: one unread for him, then both see the same order.
  await openFromSidebar(linusPage, "general");
  await send(rosalindPage, `#${channel}`, "Sending the plates tomorrow");
  await expect(sidebarLink(linusPage, channel).getByLabel("1 unread")).toBeVisible({ timeout: 15_000 });
  await openFromSidebar(linusPage, channel);
  await expect(messageRow(linusPage, "Sending the plates tomorrow")).toBeVisible();
  await expect(sidebarLink(linusPage, channel).getByLabel(/unread/)).toHaveCount(0);
  const conversationOrder = ["Kickoff", "imaging part", "photo 51 is ready", "Sending the plates"];
  await expectInOrder(linusPage, conversationOrder);
  await expectInOrder(rosalindPage, conversationOrder);

  // The topic: the server's rule shows inline, then Rosalind sees the new topic in her header.
  await chooseFromChannelMenu(linusPage, "Add a topic");
  const topicDialog = linusPage.getByRole("dialog", { name: "Edit topic" });
  await topicDialog.getByLabel("Topic").fill("Launch\u200Bday");
  await topicDialog.getByRole("button", { name: "Save" }).click();
  await expect(topicDialog.getByRole("alert")).toContainText("invisible or direction-changing characters");
  await shot(linusPage, "channels-topic-error-desktop");
  await topicDialog.getByLabel("Topic").fill("Ship the structure paper on Friday");
  await topicDialog.getByRole("button", { name: "Save" }).click();
  await expect(topicDialog).toBeHidden();
  await expect(linusPage.locator("header").getByText("Ship the structure paper on Friday")).toBeVisible();
  await expect(rosalindPage.locator("header").getByText("Ship the structure paper on Friday")).toBeVisible({ timeout: 15_000 });
  await shot(rosalindPage, "channels-topic-desktop");

  // A DM through the new-message dialog; each sees the other's message.
  await sidebar(linusPage).getByRole("button", { name: "New message" }).click();
  await linusPage.getByLabel("Search people by name or email").fill("Rosalind");
  await linusPage
    .getByRole("list", { name: "People" })
    .getByRole("button", { name: new RegExp(rosalind.name) })
    .click();
  await linusPage.getByRole("button", { name: "Start message" }).click();
  await expect(heading(linusPage, rosalind.name)).toBeVisible();
  await send(linusPage, rosalind.name, "Private word: great work");
  await expect(sidebarLink(rosalindPage, linus.name)).toBeVisible({ timeout: 15_000 });
  await openFromSidebar(rosalindPage, linus.name);
  await expect(messageRow(rosalindPage, "Private word: great work")).toBeVisible();
  await send(rosalindPage, linus.name, "Thank you, Linus");
  await expect(messageRow(linusPage, "Thank you, Linus")).toBeVisible();

  // The newest message in the channel: history stays readable through leaving and archiving.
  const newestText = "Sending the plates tomorrow";

  // Rosalind leaves: she lands on another conversation and the channel leaves her sidebar; Linus's count drops.
  await openFromSidebar(rosalindPage, channel);
  await chooseFromChannelMenu(rosalindPage, "Leave channel");
  await rosalindPage
    .getByRole("dialog", { name: `Leave #${channel}?` })
    .getByRole("button", { name: "Leave channel" })
    .click();
  await expect(heading(rosalindPage, "general")).toBeVisible();
  expect(new URL(rosalindPage.url()).pathname).not.toBe(channelPath);
  await expect(sidebarLink(rosalindPage, channel)).toHaveCount(0);
  // It is public: she can still read it by link, with a Join button where the composer was.
  await rosalindPage.goto(channelPath);
  await expect(rosalindPage.getByRole("status").filter({ hasText: `You are viewing #${channel}.` })).toBeVisible();
  await expect(rosalindPage.getByRole("button", { name: "Join channel" })).toBeVisible();
  await expect(composer(rosalindPage, `#${channel}`)).toHaveCount(0);
  await expect(messageRow(rosalindPage, newestText)).toBeVisible();
  await openFromSidebar(linusPage, channel);
  await expect(membersButton(linusPage)).toHaveAccessibleName("View members (1 member)", { timeout: 15_000 });

  // Linus archives it: the composer becomes the read-only banner, history stays, the sidebar drops it.
  await chooseFromChannelMenu(linusPage, "Archive channel");
  await linusPage
    .getByRole("dialog", { name: `Archive #${channel}?` })
    .getByRole("button", { name: "Archive channel" })
    .click();
  const banner = linusPage.getByRole("status").filter({ hasText: "This channel has been archived." });
  await expect(banner).toBeVisible();
  await expect(banner.getByRole("button", { name: "Unarchive" })).toBeVisible();
  await expect(composer(linusPage, `#${channel}`)).toHaveCount(0);
  await expect(messageRow(linusPage, newestText)).toBeVisible();
  await expect(sidebarLink(linusPage, channel)).toHaveCount(0);
  await shot(linusPage, "channels-archived-desktop");
  // The menu offers what is now possible: no topic edits, but unarchiving.
  await linusPage.getByRole("button", { name: "Channel settings" }).click();
  await expect(linusPage.getByRole("menuitem", { name: "Unarchive channel" })).toBeVisible();
  await expect(linusPage.getByRole("menuitem", { name: /topic/ })).toHaveCount(0);
  await linusPage.keyboard.press("Escape");
  await expect(linusPage.getByRole("menu")).toHaveCount(0);

  // Rosalind's open screen turns archived without a reload; she never managed the channel, so no Unarchive for her.
  await expect(rosalindPage.getByRole("status").filter({ hasText: "This channel has been archived." })).toBeVisible({ timeout: 15_000 });
  await expect(rosalindPage.getByRole("button", { name: "Join channel" })).toHaveCount(0);
  await expect(rosalindPage.getByRole("button", { name: "Unarchive" })).toHaveCount(0);
  await expect(messageRow(rosalindPage, newestText)).toBeVisible();
});

test("a ?seq= link opens the history around that message and highlights it", async ({ seed, pageAs }) => {
  const workspace = await seed.workspace({ ownerName: "Linus Pauling", name: "Chemistry Lab" });
  const launchPlan = await seed.channel(workspace, workspace.owner, { name: channel });
  const channelPath = launchPlan.path;
  // History deep enough that a link to an early message needs scrolling (10 sends/s through the API).
  let linkedMessage = { seq: 0, text: "" };
  let newestText = "";
  for (let index = 1; index <= 60; index += 1) {
    const text = `Lab note ${index} of 60`;
    const seq = await seed.message(workspace.owner, launchPlan, text);
    if (index === 8) linkedMessage = { seq, text };
    newestText = text;
  }
  const page = await pageAs(workspace.owner, desktop);
  await page.goto(`${channelPath}?seq=${linkedMessage.seq}`);
  const target = messageRow(page, linkedMessage.text);
  await expect(target).toBeInViewport();
  await expect(target).toHaveAttribute("data-highlighted", "true");
  await expect(history(page).locator("[data-highlighted]")).toHaveCount(1);
  // Opened mid-history: the newest message is further down, one click away.
  await expect(messageRow(page, newestText)).not.toBeInViewport();
  await shot(page, "channels-jump-to-seq-desktop");
  await page.getByRole("button", { name: "Jump to latest" }).click();
  await expect(messageRow(page, newestText)).toBeInViewport();

  // Anything that is not a seq is ignored: the conversation opens at the newest message.
  await page.goto(`${channelPath}?seq=not-a-number`);
  await expect(messageRow(page, newestText)).toBeInViewport();
  await expect(history(page).locator("[data-highlighted]")).toHaveCount(0);
});

test("the members dialog and the archived banner in dark mode and at phone width", async ({ seed, pageAs }) => {
  const workspace = await seed.workspace({ ownerName: "Linus Pauling", name: "Chemistry Lab" });
  const linus = workspace.owner;
  const channelPath = (await archivedChannelOfLinus(seed, workspace)).path;
  const dark = await pageAs(linus, { ...desktop, colorScheme: "dark" });
  await dark.goto(channelPath);
  await membersButton(dark).click();
  await expect(
    dark
      .getByRole("dialog", { name: `1 member in #${channel}` })
      .getByRole("listitem")
      .filter({ hasText: linus.name }),
  ).toBeVisible();
  await shot(dark, "channels-members-dialog-desktop-dark");
  await dark.keyboard.type("nobody-by-this-name");
  await expect(dark.getByRole("dialog").getByText("No one here matches “nobody-by-this-name”.")).toBeVisible();
  await dark.keyboard.press("Escape");
  await expect(dark.getByRole("dialog")).toHaveCount(0);

  for (const colorScheme of ["light", "dark"] as const) {
    const page = await pageAs(linus, { ...phone, colorScheme });
    await page.goto(channelPath);
    await expect(page.getByRole("status").filter({ hasText: "This channel has been archived." })).toBeVisible();
    const bannerBox = await page.getByRole("status").filter({ hasText: "archived" }).boundingBox();
    expect(bannerBox?.width).toBeGreaterThanOrEqual(360);
    await shot(page, `channels-archived-phone-${colorScheme}`);
    await membersButton(page).click();
    await expect(page.getByRole("dialog", { name: `1 member in #${channel}` })).toBeVisible();
    await shot(page, `channels-members-dialog-phone-${colorScheme}`);
  }
});

test("unarchiving brings the composer back, and a previewer joins from the banner", async ({ seed, pageAs }) => {
  const { workspace, linus, rosalind } = await linusAndRosalind(seed);
  const channelPath = (await archivedChannelOfLinus(seed, workspace)).path;
  const linusPage = await pageAs(linus, desktop);
  await linusPage.goto(channelPath);
  const banner = linusPage.getByRole("status").filter({ hasText: "This channel has been archived." });
  await banner.getByRole("button", { name: "Unarchive" }).click();
  await expect(banner).toHaveCount(0);
  await expect(sidebarLink(linusPage, channel)).toBeVisible();
  await send(linusPage, `#${channel}`, "We are back in business");

  const rosalindPage = await pageAs(rosalind, desktop);
  await rosalindPage.goto(channelPath);
  await expect(messageRow(rosalindPage, "We are back in business")).toBeVisible();
  await rosalindPage.getByRole("button", { name: "Join channel" }).click();
  await expect(composer(rosalindPage, `#${channel}`)).toBeVisible();
  await expect(sidebarLink(rosalindPage, channel)).toBeVisible();
  await expect(membersButton(rosalindPage)).toHaveAccessibleName("View members (2 members)");
  await send(rosalindPage, `#${channel}`, "Glad to be back");
  await expect(messageRow(linusPage, "Glad to be back")).toBeVisible({ timeout: 15_000 });
});
