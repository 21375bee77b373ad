/**
 * Messaging between two people in two browser contexts, against the built app
 * and a fresh database: send, see each other's messages in order, unread
 * counts, edit and delete for both, and scroll-back through 500 messages with
 * a stable viewport. Each test seeds Ada's workspace, with Charles in it,
 * through the API (e2e/fixtures.ts) and runs alone. Screenshots (desktop
 * 1280x800, phone 390x844, light and dark) go to e2e/artifacts/.
 */
import type { Page } from "@playwright/test";
import { expect, test, type Person, type Seed, type SeededWorkspace } from "./fixtures.ts";
import { composer, desktop, history, messageRow, openFromSidebar, phone, send, shot, sidebar } from "./support.ts";

/** The test hook RealtimeProvider puts on window (typed here: e2e does not compile the app). */
interface RealtimeTestHook {
  getStatus(): string;
  simulateDrop(): void;
}
const liveStatus = (page: Page) =>
  page.evaluate(() => (window as unknown as { __parleyRealtime?: RealtimeTestHook }).__parleyRealtime?.getStatus() ?? "absent");

/** Ada's "Difference Engines", and Charles who joined it by invite. */
async function adaAndCharles(seed: Seed): Promise<{ workspace: SeededWorkspace; charles: Person }> {
  const workspace = await seed.workspace({ ownerName: "Ada Lovelace", name: "Difference Engines" });
  return { workspace, charles: await seed.teammate(workspace, "Charles Babbage") };
}

test("two people talk in a channel: order, unread counts, edit and delete reach both", async ({ seed, pageAs }) => {
  test.setTimeout(120_000);
  const workspace = await seed.workspace({ ownerName: "Ada Lovelace", name: "Difference Engines" });
  const adaPage = await pageAs(workspace.owner, desktop);
  await adaPage.goto(workspace.path);
  await expect(composer(adaPage, "#general")).toBeVisible();

  await send(adaPage, "#general", "Hello from Ada");

  // Charles joins by invite after Ada's first message.
  const charles = await seed.teammate(workspace, "Charles Babbage");
  const charlesPage = await pageAs(charles, desktop);
  await charlesPage.goto(workspace.path);
  await expect(charlesPage).toHaveURL(new RegExp(`${workspace.path}$`));

  // What was said before Charles joined is not unread for him; what Ada says in #random now is.
  await openFromSidebar(adaPage, "random");
  await send(adaPage, "#random", "First on random");
  await send(adaPage, "#random", "Second on random\nwith a second line");
  await openFromSidebar(adaPage, "general");
  // Without a socket the sidebar learns counts when the shell loads.
  await charlesPage.reload();
  await expect(
    sidebar(charlesPage)
      .getByRole("link", { name: /^random/ })
      .getByLabel("2 unread"),
  ).toBeVisible();
  await openFromSidebar(charlesPage, "random");
  await expect(messageRow(charlesPage, "Second on random")).toContainText("with a second line");
  await expect(history(charlesPage).getByRole("separator", { name: "New messages" })).toBeVisible();
  await expect(
    sidebar(charlesPage)
      .getByRole("link", { name: /^random/ })
      .getByLabel(/unread/),
  ).toHaveCount(0);

  await openFromSidebar(charlesPage, "general");
  await expect(messageRow(charlesPage, "Hello from Ada")).toBeVisible();
  await send(charlesPage, "#general", "Hi Ada, Charles here");
  // Ada's tab polls (no socket in this test): the reply arrives after hers, in order.
  await expect(messageRow(adaPage, "Hi Ada, Charles here")).toBeVisible();
  await send(adaPage, "#general", "Welcome, Charles");
  await expect(messageRow(charlesPage, "Welcome, Charles")).toBeVisible();
  for (const page of [adaPage, charlesPage]) {
    const texts = await history(page).getByRole("article").allInnerTexts();
    const order = ["Hello from Ada", "Hi Ada, Charles here", "Welcome, Charles"].map((text) => texts.findIndex((row) => row.includes(text)));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order[0]).toBeGreaterThanOrEqual(0);
  }
  await shot(adaPage, "messaging-desktop");

  // Edit in place: Up-arrow in the empty composer opens Ada's last message.
  await composer(adaPage, "#general").press("ArrowUp");
  const editor = adaPage.getByRole("textbox", { name: "Edit message" });
  await expect(editor).toHaveValue("Welcome, Charles");
  await editor.fill("Welcome aboard, Charles");
  await editor.press("Enter");
  await expect(messageRow(adaPage, "Welcome aboard, Charles")).toContainText("(edited)");
  await expect(messageRow(charlesPage, "Welcome aboard, Charles")).toContainText("(edited)");

  // Delete from the hover bar: a tombstone for both.
  adaPage.once("dialog", (dialog) => void dialog.accept());
  await messageRow(adaPage, "Hello from Ada").hover();
  await messageRow(adaPage, "Hello from Ada").getByRole("button", { name: "Delete message" }).click();
  await expect(messageRow(adaPage, "This message was deleted.")).toBeVisible();
  await expect(messageRow(charlesPage, "This message was deleted.")).toBeVisible();
  await expect(messageRow(charlesPage, "Hello from Ada")).toHaveCount(0);
  // Charles can't edit or delete Ada's message.
  await messageRow(charlesPage, "Welcome aboard").hover();
  await expect(messageRow(charlesPage, "Welcome aboard").getByRole("button", { name: "Mark unread" })).toBeVisible();
  await expect(messageRow(charlesPage, "Welcome aboard").getByRole("button", { name: "Edit message" })).toHaveCount(0);
  await expect(messageRow(charlesPage, "Welcome aboard").getByRole("button", { name: "Delete message" })).toHaveCount(0);

  // Bad input: over the limit the composer says so and sends nothing.
  await composer(charlesPage, "#general").fill("x".repeat(40_001));
  await expect(charlesPage.getByRole("alert").filter({ hasText: "at most 40,000 characters" })).toBeVisible();
  await expect(charlesPage.getByRole("button", { name: "Send message" })).toBeDisabled();
  await composer(charlesPage, "#general").fill("");
  await shot(charlesPage, "messaging-desktop-other-person");
});

test("the chat screen in dark mode and at phone width", async ({ seed, pageAs }) => {
  const { workspace, charles } = await adaAndCharles(seed);
  const general = await seed.existingChannel(workspace, workspace.owner, "general");
  await seed.message(charles, general, "Hi Ada, Charles here");
  const dark = await pageAs(workspace.owner, { ...desktop, colorScheme: "dark" });
  await dark.goto(general.path);
  await expect(messageRow(dark, "Hi Ada, Charles here")).toBeVisible();
  await shot(dark, "messaging-desktop-dark");

  for (const colorScheme of ["light", "dark"] as const) {
    const page = await pageAs(charles, { ...phone, colorScheme });
    await page.goto(general.path);
    await expect(messageRow(page, "Hi Ada, Charles here")).toBeVisible();
    const listBox = await history(page).boundingBox();
    const composerBox = await composer(page, "#general").boundingBox();
    expect(listBox?.width).toBeGreaterThanOrEqual(389);
    // 390 minus the padding, border and send button.
    expect(composerBox?.width).toBeGreaterThanOrEqual(295);
    await composer(page, "#general").fill("Typing on a phone");
    await shot(page, `messaging-phone-${colorScheme}`);
  }
});

test("scrolling back through 500 messages keeps what you read in place", async ({ seed, pageAs }) => {
  test.setTimeout(180_000);
  const { workspace, charles } = await adaAndCharles(seed);
  const random = await seed.existingChannel(workspace, workspace.owner, "random");

  // Two senders in parallel halve the time the rate limit imposes; seqs stay ordered per sender.
  const seedBy = async (sender: Person, offset: number) => {
    for (let index = 0; index < 250; index += 1) {
      const number = offset + index * 2;
      await seed.message(sender, random, `Seeded message ${number}`);
    }
  };
  await Promise.all([seedBy(workspace.owner, 1), seedBy(charles, 2)]);

  const adaPage = await pageAs(workspace.owner, desktop);
  await adaPage.goto(workspace.path);
  await openFromSidebar(adaPage, "random");

  await adaPage.reload();
  const log = history(adaPage);
  await expect(
    log
      .getByRole("article")
      .filter({ hasText: /Seeded message \d+$/ })
      .last(),
  ).toBeVisible();
  // Going live re-reads the newest page once; let that settle so each measurement brackets one prepend only.
  await expect.poll(() => liveStatus(adaPage)).toBe("live");

  // Hold each older page at the network until the anchor is measured, so the
  // measurement before and after brackets exactly one prepend.
  let heldOlderPage: ((release: () => Promise<void>) => void) | null = null;
  await adaPage.route("**/api/trpc/messages.list**", async (route) => {
    if (!decodeURIComponent(route.request().url()).includes('"before"') || !heldOlderPage) return route.continue();
    const hold = heldOlderPage;
    heldOlderPage = null;
    hold(() => route.continue());
  });
  const firstSeqKey = () => log.locator("[data-row-key^='seq-']").first().getAttribute("data-row-key");
  const topmostVisibleMessage = () =>
    log.evaluate((list) => {
      const listTop = list.getBoundingClientRect().top;
      const row = [...list.querySelectorAll<HTMLElement>("[data-row-key^='seq-']")].find((candidate) => candidate.getBoundingClientRect().top >= listTop);
      // Its bottom edge: a prepend may regroup it under the previous author and drop its name line above the text.
      return row ? { key: row.dataset.rowKey!, bottom: row.getBoundingClientRect().bottom } : null;
    });

  const drifts: number[] = [];
  for (let page = 0; page < 6; page += 1) {
    const released = new Promise<() => Promise<void>>((resolve) => (heldOlderPage = resolve));
    const keyBefore = await firstSeqKey();
    await log.evaluate((list) => list.scrollTo({ top: 0 }));
    const release = await released;
    const anchor = await topmostVisibleMessage();
    expect(anchor).not.toBeNull();
    await release();
    await expect.poll(firstSeqKey).not.toBe(keyBefore);
    // New rows are measured over the next frames (later on a loaded CI box):
    // wait, with a deadline, for the anchor to settle, then record where it ended.
    const anchored = log.locator(`[data-row-key='${anchor!.key}']`);
    await expect(anchored).toBeVisible();
    const driftNow = async () => {
      const box = await anchored.boundingBox();
      return box ? Math.abs(box.y + box.height - anchor!.bottom) : Number.POSITIVE_INFINITY;
    };
    await expect
      .poll(driftNow, { timeout: 3_000 })
      .toBeLessThanOrEqual(2)
      .catch(() => undefined);
    drifts.push(await driftNow());
  }
  test.info().annotations.push({ type: "scroll drift per older page (px)", description: drifts.map((drift) => drift.toFixed(1)).join(", ") });
  expect(Math.max(...drifts), `drift per older page: ${drifts.join(", ")} px`).toBeLessThanOrEqual(2);
  await shot(adaPage, "messaging-scrollback-desktop");
});

test("live over the socket: messages, typing and presence, and nothing lost or doubled across a network cut", async ({ seed, pageAs }) => {
  test.setTimeout(120_000);
  const { workspace, charles } = await adaAndCharles(seed);
  const general = await seed.existingChannel(workspace, workspace.owner, "general");
  const adaPage = await pageAs(workspace.owner, desktop);
  const charlesPage = await pageAs(charles, desktop);
  for (const page of [adaPage, charlesPage]) {
    await page.goto(general.path);
    await expect.poll(() => liveStatus(page)).toBe("live");
  }

  // Typing reaches the other person, and the message ends it.
  await composer(adaPage, "#general").pressSequentially("Typing live", { delay: 20 });
  await expect(charlesPage.getByTestId("typing-indicator")).toHaveText("Ada Lovelace is typing…");
  await composer(adaPage, "#general").press("Enter");
  await expect(messageRow(charlesPage, "Typing live")).toBeVisible();
  await expect(charlesPage.getByTestId("typing-indicator")).toHaveText("");

  // Charles's network goes away (the socket with it); Ada keeps talking.
  await charlesPage.context().setOffline(true);
  await charlesPage.evaluate(() => (window as unknown as { __parleyRealtime?: RealtimeTestHook }).__parleyRealtime?.simulateDrop());
  const burst = Array.from({ length: 6 }, (_, index) => `While you were away ${index + 1}`);
  for (const text of burst) await send(adaPage, "#general", text);
  await charlesPage.context().setOffline(false);
  await expect.poll(() => liveStatus(charlesPage), { timeout: 20_000 }).toBe("live");
  for (const text of burst) await expect(messageRow(charlesPage, text)).toHaveCount(1);
  const texts = await history(charlesPage).getByRole("article").allInnerTexts();
  const positions = burst.map((text) => texts.findIndex((row) => row.includes(text)));
  expect(positions).toEqual([...positions].sort((a, b) => a - b));

  // Presence: Ada's DM with Charles shows him online while his tab is open, then not.
  await sidebar(adaPage).getByRole("button", { name: "New message" }).click();
  await adaPage.getByLabel("Search people by name or email").fill("Charles");
  await adaPage
    .getByRole("list", { name: "People" })
    .getByRole("button", { name: /Charles Babbage/ })
    .click();
  await adaPage.getByRole("button", { name: "Start message" }).click();
  // In the DM's header and on his avatar in the sidebar.
  await expect(adaPage.getByRole("main").getByRole("img", { name: "Charles Babbage is online" })).toBeVisible();
  await expect(
    sidebar(adaPage)
      .getByRole("link", { name: /Charles Babbage/ })
      .getByRole("img", { name: "Charles Babbage is online" }),
  ).toBeVisible();
  await shot(adaPage, "realtime-dm-presence");
  await charlesPage.context().close();
  await expect(adaPage.getByRole("img", { name: /Charles Babbage is (online|away)/ })).toHaveCount(0, { timeout: 15_000 });
  await shot(adaPage, "realtime-dm-presence-gone");
});
