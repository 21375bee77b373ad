/**
 * Pages that fail well: an unknown address answers HTTP 404 with the app's own
 * not-found page (light and dark), and a way back home. Screenshots go to
 * e2e/artifacts/not-found-{light,dark}.png.
 */
import { expect, test } from "./fixtures.ts";
import { runId, shot } from "./support.ts";

// --surface-muted of globals.css in each scheme: proof the page follows the system's colour scheme.
const pageBackground = { light: "rgb(248, 248, 248)", dark: "rgb(34, 37, 41)" };

test("an unknown address answers 404 with the not-found page, in light and dark, and leads back home", async ({ page }) => {
  const response = await page.goto(`/no-such-page-${runId}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page).toHaveTitle("Page not found · Parley");
  await expect(page.getByRole("main")).toHaveCSS("background-color", pageBackground.light);
  await shot(page, "not-found-light");

  await page.emulateMedia({ colorScheme: "dark" });
  await expect(page.getByRole("main")).toHaveCSS("background-color", pageBackground.dark);
  await shot(page, "not-found-dark");

  // Home for someone signed out is the sign-in page.
  await page.getByRole("link", { name: "Back to Parley" }).click();
  await expect(page).toHaveURL(/\/signin$/);
});

test("a workspace or conversation the visitor may not see answers 404 like any unknown address", async ({ seed, pageAs }) => {
  const theirs = await seed.workspace({ name: "Not Yours" });
  const mine = await seed.workspace();
  const page = await pageAs(mine.owner);
  // Guards the premise: the same visitor gets their own workspace with 200.
  expect((await page.goto(mine.path))?.status()).toBe(200);

  // A conversation id nobody has, and a real conversation of another workspace under this one's address.
  const theirChannel = await seed.channel(theirs, theirs.owner, { name: `theirs-${runId}` });
  expect((await page.goto((await seed.existingChannel(mine, mine.owner, "general")).path))?.status()).toBe(200);
  for (const path of [
    theirs.path,
    `/w/no-such-workspace-${runId}`,
    `${mine.path}/c/00000000-0000-4000-8000-000000000000`,
    `${mine.path}/c/${theirChannel.id}`,
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
});
