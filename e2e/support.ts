/** What every e2e file shares: screenshot output, viewports and the landmarks of the chat screen. */
import path from "node:path";
import type { BrowserContextOptions, Page } from "@playwright/test";

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
