/**
 * Sign-up, sign-out, sign-in and joining by invite, in Chromium against the
 * built app and a fresh database (scripts/e2e-server.ts). Each test seeds what
 * it starts from through the API (e2e/fixtures.ts) and runs alone. Screenshots
 * of each screen (desktop 1280x800, phone 390x844) go to e2e/artifacts/.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { newPersonDetails } from "./seed.ts";
import { phone, shot, sidebar } from "./support.ts";

async function fillSignUp(page: Page, fields: { name: string; email: string; password: string; workspace?: string }) {
  await page.getByLabel("Full name").fill(fields.name);
  await page.getByLabel("Email").fill(fields.email);
  await page.getByLabel("Password").fill(fields.password);
  if (fields.workspace !== undefined) await page.getByLabel("Workspace name").fill(fields.workspace);
}

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

// Next's route announcer is an alert too; the form's is inside <main>.
const formAlert = (page: Page) => page.getByRole("main").getByRole("alert");

test("a new person creates a workspace, lands in #general, signs out and signs in again", async ({ page }) => {
  const ada = { ...newPersonDetails("Ada Lovelace"), workspace: "Analytical Engines" };
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin$/);
  await shot(page, "signin-desktop");

  await page.getByRole("link", { name: "Create a workspace" }).click();
  await expect(page.getByRole("heading", { name: "Create your workspace" })).toBeVisible();
  await fillSignUp(page, ada);
  await shot(page, "signup-desktop");
  await page.getByRole("button", { name: "Create workspace" }).click();

  await expect(page).toHaveURL(/\/w\/analytical-engines(-\d+)?$/);
  const workspacePath = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1, name: "general" })).toBeVisible();
  await expect(page.getByText("This is the very beginning of the #general channel.")).toBeVisible();
  await expect(sidebar(page).getByRole("link", { name: "general" })).toHaveAttribute("aria-current", "page");
  await expect(sidebar(page).getByRole("link", { name: "random" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Analytical Engines" })).toBeVisible();
  await shot(page, "shell-desktop");

  await sidebar(page).getByRole("link", { name: "random" }).click();
  await expect(page).toHaveURL(/\/c\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: "random" })).toBeVisible();
  await expect(page.getByText("Non-work banter and water cooler conversation").first()).toBeVisible();

  // Sections collapse and expand.
  await sidebar(page).getByRole("button", { name: "Channels" }).click();
  await expect(sidebar(page).getByRole("link", { name: "general" })).toBeHidden();
  await sidebar(page).getByRole("button", { name: "Channels" }).click();
  await expect(sidebar(page).getByRole("link", { name: "general" })).toBeVisible();

  await page.getByRole("button", { name: "Analytical Engines" }).click();
  await page.getByRole("menuitem", { name: "Invite people to Analytical Engines" }).click();
  const linkField = page.getByLabel("Invite link");
  await expect(linkField).toHaveValue(/\/invite\/[A-Za-z0-9_-]{43}$/);
  await shot(page, "invite-dialog-desktop");
  await page.getByRole("button", { name: "Close" }).click();

  await page.getByRole("button", { name: "Analytical Engines" }).click();
  await page.getByRole("menuitem", { name: "Sign out of Analytical Engines" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto(workspacePath);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);

  await signIn(page, ada.email, ada.password);
  await expect(page).toHaveURL(new RegExp(`${workspacePath}$`));
  await expect(page.getByRole("heading", { level: 1, name: "general" })).toBeVisible();
});

test("on a phone the sidebar is its own screen and a conversation takes the full width", async ({ seed, pageAs }) => {
  const workspace = await seed.workspace();
  const page = await pageAs(workspace.owner, phone);
  // Home sends a signed-in person to their workspace.
  await page.goto("/");
  await expect(page).toHaveURL(new RegExp(`${workspace.path}$`));
  await expect(sidebar(page).getByRole("link", { name: "general" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "general" })).toBeHidden();
  await shot(page, "shell-phone-sidebar");

  await sidebar(page).getByRole("link", { name: "general" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "general" })).toBeVisible();
  await expect(sidebar(page)).toBeHidden();
  await shot(page, "shell-phone-conversation");

  await page.getByRole("link", { name: "Back to conversations" }).click();
  await expect(sidebar(page)).toBeVisible();
});

test("dark mode follows the system setting", async ({ seed, pageAs }) => {
  const workspace = await seed.workspace();
  const page = await pageAs(workspace.owner, { colorScheme: "dark", viewport: { width: 1280, height: 800 } });
  await page.goto(workspace.path);
  await expect(page.getByRole("heading", { level: 1, name: "general" })).toBeVisible();
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe("rgb(26, 29, 33)");
  await shot(page, "shell-desktop-dark");
});

test("the sign-up form explains bad input next to the field", async ({ page, seed }) => {
  const { owner: taken } = await seed.workspace();
  await page.goto("/signup");
  await fillSignUp(page, { name: "Bad Input", email: "not-an-email", password: "correct horse battery", workspace: "Bad" });
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();

  await fillSignUp(page, { name: "Bad Input", email: newPersonDetails("Short").email, password: "short", workspace: "Bad" });
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.getByText("Use at least 8 characters")).toBeVisible();
  await expect(page.getByText("Enter a valid email address")).toBeHidden();

  await fillSignUp(page, { name: "Ada Again", email: taken.email.toUpperCase(), password: "another long password", workspace: "Copy" });
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.getByText("An account with this email already exists — sign in instead")).toBeVisible();
  await expect(page).toHaveURL(/\/signup$/);
  await shot(page, "signup-errors-desktop");
});

test("the sign-in form gives one generic error, then the rate-limit message", async ({ page, seed }) => {
  const { owner } = await seed.workspace();
  await page.goto("/signin");
  await signIn(page, owner.email, "not the password");
  await expect(formAlert(page)).toHaveText("Email or password is incorrect");
  await expect(page).toHaveURL(/\/signin$/);

  const stranger = newPersonDetails("Nobody").email;
  await signIn(page, stranger, "whatever password");
  await expect(formAlert(page)).toHaveText("Email or password is incorrect");
  await shot(page, "signin-error-desktop");
  for (let attempt = 2; attempt <= 5; attempt += 1) {
    await signIn(page, stranger, `guess ${attempt}`);
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  }
  await signIn(page, stranger, "guess 6");
  await expect(formAlert(page)).toHaveText("Too many sign-in attempts. Try again in a minute.");
});

test("a teammate follows the invite link, joins and lands in the same workspace", async ({ browser, seed }) => {
  const workspace = await seed.workspace({ name: "Analytical Engines" });
  const inviteToken = await seed.inviteToken(workspace);
  const context = await browser.newContext({ ...phone });
  const page = await context.newPage();
  await page.goto(`/invite/${inviteToken}`);
  await expect(page.getByRole("heading", { name: "Join Analytical Engines" })).toBeVisible();
  await shot(page, "invite-phone");
  await page.getByRole("link", { name: "Create an account and join" }).click();

  await expect(page.getByRole("heading", { name: "Join Analytical Engines" })).toBeVisible();
  await expect(page.getByLabel("Workspace name")).toHaveCount(0);
  await fillSignUp(page, newPersonDetails("Charles Babbage"));
  await shot(page, "signup-invite-phone");
  await page.getByRole("button", { name: "Join Analytical Engines" }).click();
  await expect(page).toHaveURL(new RegExp(`${workspace.path}$`));
  await expect(sidebar(page).getByRole("link", { name: "general" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Analytical Engines" })).toBeVisible();
  await context.close();

  const expired = await browser.newPage();
  await expired.goto("/invite/this-is-not-a-real-token");
  await expect(expired.getByRole("heading", { name: "This invite can't be used" })).toBeVisible();
  await expired.close();
});
