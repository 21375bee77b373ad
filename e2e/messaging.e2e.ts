/**
 * Messaging between two people in two browser contexts, against the built app
 * and a fresh database: send, see each other's messages in order, unread
 * counts, edit and delete for both, and scroll-back through 500 messages with
 * a stable viewport. Screenshots (desktop 1280x800, phone 390x844, light and
 * dark) go to e2e/artifacts/.
 */
import { expect, test, type APIRequestContext, type Browser, type BrowserContextOptions, type Page } from "@playwright/test";
import { desktop, history, messageRow, phone, runId, shot, sidebar } from "./support.ts";

test.describe.configure({ mode: "serial" });


const ada = { name: "Ada Lovelace", email: `ada-msg-${runId}@example.com`, password: "analytical engine 1843", workspace: "Difference Engines" };
const charles = { name: "Charles Babbage", email: `charles-msg-${runId}@example.com`, password: "difference engine 1822" };
let workspacePath = "";
let generalPath = "";

const composer = (page: Page, channel: string) => page.getByRole("textbox", { name: `Message #${channel}` });

/** The test hook RealtimeProvider puts on window (typed here: e2e does not compile the app). */
interface RealtimeTestHook {
  getStatus(): string;
  simulateDrop(): void;
}
const liveStatus = (page: Page) => page.evaluate(() => (window as unknown as { __parleyRealtime?: RealtimeTestHook }).__parleyRealtime?.getStatus() ?? "absent");

async function signIn(page: Page, person: { email: string; password: string }) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${workspacePath}$`));
}

async function newSignedInPage(browser: Browser, person: { email: string; password: string }, options: BrowserContextOptions) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await signIn(page, person);
  return page;
}

async function send(page: Page, channel: string, text: string) {
  await composer(page, channel).fill(text);
  await composer(page, channel).press("Enter");
  await expect(composer(page, channel)).toHaveValue("");
  await expect(messageRow(page, text)).toHaveAttribute("data-delivery", "sent");
}

async function openChannel(page: Page, channel: string) {
  await sidebar(page).getByRole("link", { name: new RegExp(`^${channel}\\b`) }).click();
  await expect(page.getByRole("heading", { level: 1, name: channel })).toBeVisible();
}

test("two people talk in a channel: order, unread counts, edit and delete reach both", async ({ browser }) => {
  test.setTimeout(120_000);
  const adaContext = await browser.newContext(desktop);
  const adaPage = await adaContext.newPage();
  await adaPage.goto("/signup");
  await adaPage.getByLabel("Full name").fill(ada.name);
  await adaPage.getByLabel("Email").fill(ada.email);
  await adaPage.getByLabel("Password").fill(ada.password);
  await adaPage.getByLabel("Workspace name").fill(ada.workspace);
  await adaPage.getByRole("button", { name: "Create workspace" }).click();
  await expect(adaPage).toHaveURL(/\/w\/difference-engines(-\d+)?$/);
  workspacePath = new URL(adaPage.url()).pathname;
  await expect(composer(adaPage, "general")).toBeVisible();

  await adaPage.getByRole("button", { name: ada.workspace }).click();
  await adaPage.getByRole("menuitem", { name: `Invite people to ${ada.workspace}` }).click();
  await expect(adaPage.getByLabel("Invite link")).toHaveValue(/\/invite\/[A-Za-z0-9_-]{43}$/);
  const inviteLink = await adaPage.getByLabel("Invite link").inputValue();
  await adaPage.getByRole("button", { name: "Close" }).click();

  await send(adaPage, "general", "Hello from Ada");

  const charlesContext = await browser.newContext(desktop);
  const charlesPage = await charlesContext.newPage();
  await charlesPage.goto(new URL(inviteLink).pathname);
  await charlesPage.getByRole("link", { name: "Create an account and join" }).click();
  await charlesPage.getByLabel("Full name").fill(charles.name);
  await charlesPage.getByLabel("Email").fill(charles.email);
  await charlesPage.getByLabel("Password").fill(charles.password);
  await charlesPage.getByRole("button", { name: `Join ${ada.workspace}` }).click();
  await expect(charlesPage).toHaveURL(new RegExp(`${workspacePath}$`));

  // What was said before Charles joined is not unread for him; what Ada says in #random now is.
  await openChannel(adaPage, "random");
  await send(adaPage, "random", "First on random");
  await send(adaPage, "random", "Second on random\nwith a second line");
  await openChannel(adaPage, "general");
  generalPath = new URL(adaPage.url()).pathname;
  // Without a socket the sidebar learns counts when the shell loads.
  await charlesPage.reload();
  await expect(sidebar(charlesPage).getByRole("link", { name: /^random/ }).getByLabel("2 unread")).toBeVisible();
  await openChannel(charlesPage, "random");
  await expect(messageRow(charlesPage, "Second on random")).toContainText("with a second line");
  await expect(history(charlesPage).getByRole("separator", { name: "New messages" })).toBeVisible();
  await expect(sidebar(charlesPage).getByRole("link", { name: /^random/ }).getByLabel(/unread/)).toHaveCount(0);

  await openChannel(charlesPage, "general");
  await expect(messageRow(charlesPage, "Hello from Ada")).toBeVisible();
  await send(charlesPage, "general", "Hi Ada, Charles here");
  // Ada's tab polls (no socket in this test): the reply arrives after hers, in order.
  await expect(messageRow(adaPage, "Hi Ada, Charles here")).toBeVisible();
  await send(adaPage, "general", "Welcome, Charles");
  await expect(messageRow(charlesPage, "Welcome, Charles")).toBeVisible();
  for (const page of [adaPage, charlesPage]) {
    const texts = await history(page).getByRole("article").allInnerTexts();
    const order = ["Hello from Ada", "Hi Ada, Charles here", "Welcome, Charles"].map((text) => texts.findIndex((row) => row.includes(text)));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order[0]).toBeGreaterThanOrEqual(0);
  }
  await shot(adaPage, "messaging-desktop");

  // Edit in place: Up-arrow in the empty composer opens Ada's last message.
  await composer(adaPage, "general").press("ArrowUp");
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
  await composer(charlesPage, "general").fill("x".repeat(40_001));
  await expect(charlesPage.getByRole("alert").filter({ hasText: "at most 40,000 characters" })).toBeVisible();
  await expect(charlesPage.getByRole("button", { name: "Send message" })).toBeDisabled();
  await composer(charlesPage, "general").fill("");
  await shot(charlesPage, "messaging-desktop-other-person");

  await adaContext.close();
  await charlesContext.close();
});

test("the chat screen in dark mode and at phone width", async ({ browser }) => {
  expect(generalPath, "the first test must have run").not.toBe("");
  const dark = await newSignedInPage(browser, ada, { ...desktop, colorScheme: "dark" });
  await dark.goto(generalPath);
  await expect(messageRow(dark, "Hi Ada, Charles here")).toBeVisible();
  await shot(dark, "messaging-desktop-dark");

  for (const colorScheme of ["light", "dark"] as const) {
    const page = await newSignedInPage(browser, charles, { ...phone, colorScheme });
    await page.goto(generalPath);
    await expect(messageRow(page, "Hi Ada, Charles here")).toBeVisible();
    const listBox = await history(page).boundingBox();
    const composerBox = await composer(page, "general").boundingBox();
    expect(listBox?.width).toBeGreaterThanOrEqual(389);
    // 390 minus the padding, border and send button.
    expect(composerBox?.width).toBeGreaterThanOrEqual(295);
    await composer(page, "general").fill("Typing on a phone");
    await shot(page, `messaging-phone-${colorScheme}`);
    await page.context().close();
  }
  await dark.context().close();
});

/** Sends through the app's own tRPC endpoint with the page's session; waits out the per-sender rate limit. */
async function sendViaApi(request: APIRequestContext, origin: string, input: { conversationId: string; clientMessageId: string; body: string }) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await request.post("/api/trpc/messages.send", { headers: { origin, "content-type": "application/json" }, data: { json: input } });
    if (response.ok()) return;
    // 429 is the send limiter (10/s per person): retry the same clientMessageId once a token is back.
    if (response.status() !== 429 || Date.now() > deadline) throw new Error(`send failed: ${response.status()} ${await response.text()}`);
    await new Promise((resolve) => setTimeout(resolve, 120));
  }
}

test("scrolling back through 500 messages keeps what you read in place", async ({ browser }) => {
  test.setTimeout(180_000);
  const adaPage = await newSignedInPage(browser, ada, desktop);
  const charlesPage = await newSignedInPage(browser, charles, desktop);
  await adaPage.goto(workspacePath);
  await openChannel(adaPage, "random");
  const conversationId = new URL(adaPage.url()).pathname.split("/").at(-1)!;
  const origin = new URL(adaPage.url()).origin;

  // Two senders in parallel halve the time the rate limit imposes; seqs stay ordered per sender.
  const seedBy = async (page: Page, offset: number) => {
    for (let index = 0; index < 250; index += 1) {
      const number = offset + index * 2;
      await sendViaApi(page.request, origin, { conversationId, clientMessageId: `seed-${runId}-${number}`, body: `Seeded message ${number}` });
    }
  };
  await Promise.all([seedBy(adaPage, 1), seedBy(charlesPage, 2)]);
  await charlesPage.context().close();

  await adaPage.reload();
  const log = history(adaPage);
  await expect(log.getByRole("article").filter({ hasText: /Seeded message \d+$/ }).last()).toBeVisible();
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
    await expect.poll(driftNow, { timeout: 3_000 }).toBeLessThanOrEqual(2).catch(() => undefined);
    drifts.push(await driftNow());
  }
  test.info().annotations.push({ type: "scroll drift per older page (px)", description: drifts.map((drift) => drift.toFixed(1)).join(", ") });
  expect(Math.max(...drifts), `drift per older page: ${drifts.join(", ")} px`).toBeLessThanOrEqual(2);
  await shot(adaPage, "messaging-scrollback-desktop");
  await adaPage.context().close();
});


test("live over the socket: messages, typing and presence, and nothing lost or doubled across a network cut", async ({ browser }) => {
  test.setTimeout(120_000);
  const adaPage = await newSignedInPage(browser, ada, desktop);
  const charlesPage = await newSignedInPage(browser, charles, desktop);
  for (const page of [adaPage, charlesPage]) {
    await page.goto(generalPath);
    await expect.poll(() => liveStatus(page)).toBe("live");
  }

  // Typing reaches the other person, and the message ends it.
  await composer(adaPage, "general").pressSequentially("Typing live", { delay: 20 });
  await expect(charlesPage.getByTestId("typing-indicator")).toHaveText("Ada Lovelace is typing…");
  await composer(adaPage, "general").press("Enter");
  await expect(messageRow(charlesPage, "Typing live")).toBeVisible();
  await expect(charlesPage.getByTestId("typing-indicator")).toHaveText("");

  // Charles's network goes away (the socket with it); Ada keeps talking.
  await charlesPage.context().setOffline(true);
  await charlesPage.evaluate(() => (window as unknown as { __parleyRealtime?: RealtimeTestHook }).__parleyRealtime?.simulateDrop());
  const burst = Array.from({ length: 6 }, (_, index) => `While you were away ${index + 1}`);
  for (const text of burst) await send(adaPage, "general", text);
  await charlesPage.context().setOffline(false);
  await expect.poll(() => liveStatus(charlesPage), { timeout: 20_000 }).toBe("live");
  for (const text of burst) await expect(messageRow(charlesPage, text)).toHaveCount(1);
  const texts = await history(charlesPage).getByRole("article").allInnerTexts();
  const positions = burst.map((text) => texts.findIndex((row) => row.includes(text)));
  expect(positions).toEqual([...positions].sort((a, b) => a - b));

  // Presence: Ada's DM with Charles shows him online while his tab is open, then not.
  await sidebar(adaPage).getByRole("button", { name: "New message" }).click();
  await adaPage.getByLabel("Search people by name or email").fill("Charles");
  await adaPage.getByRole("list", { name: "People" }).getByRole("button", { name: /Charles Babbage/ }).click();
  await adaPage.getByRole("button", { name: "Start message" }).click();
  // In the DM's header and on his avatar in the sidebar.
  await expect(adaPage.getByRole("main").getByRole("img", { name: "Charles Babbage is online" })).toBeVisible();
  await expect(sidebar(adaPage).getByRole("link", { name: /Charles Babbage/ }).getByRole("img", { name: "Charles Babbage is online" })).toBeVisible();
  await shot(adaPage, "realtime-dm-presence");
  await charlesPage.context().close();
  await expect(adaPage.getByRole("img", { name: /Charles Babbage is (online|away)/ })).toHaveCount(0, { timeout: 15_000 });
  await shot(adaPage, "realtime-dm-presence-gone");
  await adaPage.context().close();
});
