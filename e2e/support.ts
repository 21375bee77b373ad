/** What every e2e file shares: screenshot output, viewports and the landmarks of the chat screen. */
import path from "node:path";
import { expect, type BrowserContextOptions, type Page } from "@playwright/test";

const artifacts = path.join(import.meta.dirname, "artifacts");

/** Saves a PNG to e2e/artifacts/<name>.png (open it and look). */
export const shot = (page: Page, name: string) => page.screenshot({ path: path.join(artifacts, `${name}.png`) });

export const desktop: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };
export const phone: BrowserContextOptions = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };

/** A fresh suffix per run, so people and workspaces never collide with an earlier run's. */
export const runId = Date.now().toString(36);

export const sidebar = (page: Page) => page.getByRole("navigation", { name: "Workspace" });
export const history = (page: Page) => page.getByRole("log");
export const messageRow = (page: Page, text: string) => history(page).getByRole("article").filter({ hasText: text });
/** A conversation's entry in the sidebar: "general", or a person's name for a DM (its unread badge follows the name). */
export const sidebarLink = (page: Page, name: string) => sidebar(page).getByRole("link", { name: new RegExp(`^${name}\\b`) });
export const heading = (page: Page, name: string) => page.getByRole("heading", { level: 1, name });
/** The composer of a conversation, by its label as the header shows it: "#general", or a person's name. */
export const composer = (page: Page, conversation: string) => page.getByRole("textbox", { name: `Message ${conversation}` });

/** Sends from the composer and waits until the server has acknowledged the message. */
export async function send(page: Page, conversation: string, text: string) {
  await composer(page, conversation).fill(text);
  await composer(page, conversation).press("Enter");
  await expect(composer(page, conversation)).toHaveValue("");
  await expect(messageRow(page, text)).toHaveAttribute("data-delivery", "sent");
}

export async function openFromSidebar(page: Page, name: string) {
  await sidebarLink(page, name).click();
  await expect(heading(page, name)).toBeVisible();
}
