/**
 * Navigation and conversation management in Chromium against the built app:
 * creating channels (with the server's name rules shown inline), browsing and
 * the quick switcher. Each test seeds its workspace through the API
 * (e2e/fixtures.ts) and runs alone. Screenshots go to e2e/artifacts/.
 */
import { expect, test, type PageAs, type Seed, type SeededWorkspace } from "./fixtures.ts";
import { shot, sidebar } from "./support.ts";

/** Grace Hopper's "Navy Labs", open in her browser at #general. */
async function openGracesWorkspace(seed: Seed, pageAs: PageAs, before: (workspace: SeededWorkspace) => Promise<unknown> = async () => undefined) {
  const workspace = await seed.workspace({ ownerName: "Grace Hopper", name: "Navy Labs" });
  await before(workspace);
  const page = await pageAs(workspace.owner);
  await page.goto(workspace.path);
  await expect(page.getByRole("heading", { level: 1, name: "general" })).toBeVisible();
  return page;
}

test("create a channel: live name preview, server rule errors inline, then it opens", async ({ seed, pageAs }) => {
  const page = await openGracesWorkspace(seed, pageAs);
  await sidebar(page).getByRole("button", { name: "Add a channel" }).click();
  await page.getByRole("menuitem", { name: "Create a channel" }).click();
  const dialog = page.getByRole("dialog", { name: "Create a channel" });
  const name = dialog.getByLabel("Name");

  await name.fill("Plan Budget");
  await expect(dialog.getByText("Will be created as #plan-budget")).toBeVisible();
  await name.fill("bad!name");
  await expect(dialog.getByRole("alert")).toContainText("lowercase letters, numbers, hyphens and underscores");
  await expect(dialog.getByRole("button", { name: "Create" })).toBeDisabled();

  await name.fill("general");
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog.getByRole("alert")).toContainText("That name is taken");
  await shot(page, "create-channel-taken-desktop");

  await name.fill("Plan Budget");
  await dialog.getByLabel("Topic (optional)").fill("Numbers for Q3");
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "plan-budget" })).toBeVisible();
  await expect(sidebar(page).getByRole("link", { name: "plan-budget" })).toHaveAttribute("aria-current", "page");
  await shot(page, "channel-created-desktop");
});

test("browse and open a channel, the quick switcher (Enter, Esc) and Alt+arrow navigation", async ({ seed, pageAs }) => {
  const page = await openGracesWorkspace(seed, pageAs, (workspace) =>
    seed.channel(workspace, workspace.owner, { name: "plan-budget", topic: "Numbers for Q3" }),
  );

  await sidebar(page).getByRole("button", { name: "Add a channel" }).click();
  await page.getByRole("menuitem", { name: "Browse channels" }).click();
  const browse = page.getByRole("dialog", { name: "Browse channels" });
  await browse.getByLabel("Search channels by name").fill("plan");
  await expect(browse.getByRole("listitem")).toHaveCount(1);
  await expect(browse.getByText("1 member · Numbers for Q3")).toBeVisible();
  await shot(page, "browse-channels-desktop");
  await browse.getByRole("button", { name: "Open #plan-budget" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "plan-budget" })).toBeVisible();

  await page.keyboard.press("Control+k");
  const switcher = page.getByRole("dialog", { name: "Jump to a conversation" });
  await switcher.getByLabel("Find a conversation").fill("rand");
  await expect(switcher.getByRole("option")).toHaveCount(1);
  await shot(page, "quick-switcher-desktop");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "random" })).toBeVisible();
  await expect(switcher).toBeHidden();

  await page.keyboard.press("Control+k");
  await page.keyboard.press("Escape");
  await expect(switcher).toBeHidden();

  // Alt+↑ from #random goes to the previous channel in sidebar order.
  await page.keyboard.press("Alt+ArrowUp");
  await expect(page.getByRole("heading", { level: 1, name: "plan-budget" })).toBeVisible();
});
