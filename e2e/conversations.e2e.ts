/**
 * Navigation and conversation management in Chromium against the built app:
 * creating channels (with the server's name rules shown inline), browsing and
 * the quick switcher. Screenshots go to e2e/artifacts/.
 */
import { expect, test, type Page } from "@playwright/test";
import { runId, shot, sidebar } from "./support.ts";

test.describe.configure({ mode: "serial" });


const grace = { name: "Grace Hopper", email: `grace-${runId}@example.com`, password: "compiler cobol 1959", workspace: "Navy Labs" };

async function signUp(page: Page) {
  await page.goto("/signup");
  await page.getByLabel("Full name").fill(grace.name);
  await page.getByLabel("Email").fill(grace.email);
  await page.getByLabel("Password").fill(grace.password);
  await page.getByLabel("Workspace name").fill(grace.workspace);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "general" })).toBeVisible();
}

test("create a channel: live name preview, server rule errors inline, then it opens", async ({ page }) => {
  await signUp(page);
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

test("browse and open a channel, the quick switcher (Enter, Esc) and Alt+arrow navigation", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(grace.email);
  await page.getByLabel("Password").fill(grace.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "general" })).toBeVisible();

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
