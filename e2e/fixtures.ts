/**
 * Playwright's `test` with Parley's fixtures: `seed` makes people, workspaces,
 * channels and messages through the running app's HTTP API, and `pageAs`
 * opens a browser context already signed in as one of them. A test starts from
 * what it seeds, does only the UI it is about, and runs alone:
 * `npx playwright test -g "<name>"`.
 */
import { test as base, expect, type APIRequestContext, type BrowserContext, type BrowserContextOptions, type Page } from "@playwright/test";
import {
  AppSession,
  channelByName,
  newPersonDetails,
  sendViaApi,
  signUp,
  unique,
  workspaceShell,
  type Person,
  type SeededChannel,
  type SeededWorkspace,
} from "./seed.ts";
import { desktop } from "./support.ts";

export { expect };
export type { Person, SeededChannel, SeededWorkspace };

/** What a test can ask the app to hold before its UI steps begin. */
export class Seed {
  private readonly sessions = new Map<string, Promise<AppSession>>();
  private readonly requests: APIRequestContext[] = [];

  constructor(
    private readonly newRequest: () => Promise<APIRequestContext>,
    private readonly origin: string,
  ) {}

  private async newSession(): Promise<AppSession> {
    const request = await this.newRequest();
    this.requests.push(request);
    return new AppSession(request, this.origin);
  }

  /** A signed-in API session for `person`, made once per test. */
  sessionOf(person: Person): Promise<AppSession> {
    let session = this.sessions.get(person.email);
    if (!session) {
      session = this.newSession().then(async (created) => {
        await created.signIn(person);
        return created;
      });
      this.sessions.set(person.email, session);
    }
    return session;
  }

  /** A new person who signs up with a new workspace (with #general and #random) and owns it. */
  async workspace(options: { name?: string; ownerName?: string } = {}): Promise<SeededWorkspace> {
    const name = options.name ?? unique("Workspace");
    const { person: owner, workspaceSlug } = await signUp(await this.newSession(), newPersonDetails(options.ownerName ?? "Owner"), { workspaceName: name });
    const shell = await workspaceShell(await this.sessionOf(owner), workspaceSlug);
    return { id: shell.workspace.id, slug: workspaceSlug, name: shell.workspace.name, path: `/w/${workspaceSlug}`, owner };
  }

  /** An invite token from the workspace's owner (`/invite/<token>` is the link people follow). */
  async inviteToken(workspace: SeededWorkspace): Promise<string> {
    const owner = await this.sessionOf(workspace.owner);
    return (await owner.mutation<{ token: string }>("workspaces.createInvite", { workspaceSlug: workspace.slug })).token;
  }

  /** A new person who signs up by the workspace's invite and is a member of it. */
  async teammate(workspace: SeededWorkspace, name: string): Promise<Person> {
    const inviteToken = await this.inviteToken(workspace);
    return (await signUp(await this.newSession(), newPersonDetails(name), { inviteToken })).person;
  }

  /** One of the channels the workspace was created with, as `member` sees it. */
  async existingChannel(workspace: SeededWorkspace, member: Person, name: string): Promise<SeededChannel> {
    return channelByName(await this.sessionOf(member), workspace, name);
  }

  /** A public channel created by `creator`, with `members` added at creation. */
  async channel(workspace: SeededWorkspace, creator: Person, options: { name: string; topic?: string; members?: Person[] }): Promise<SeededChannel> {
    const session = await this.sessionOf(creator);
    const created = await session.mutation<{ id: string }>("conversations.createChannel", {
      workspaceId: workspace.id,
      name: options.name,
      topic: options.topic,
      memberIds: options.members?.map((member) => member.userId),
    });
    return { id: created.id, name: options.name, path: `${workspace.path}/c/${created.id}` };
  }

  async archive(by: Person, channel: SeededChannel): Promise<void> {
    await (await this.sessionOf(by)).mutation("conversations.archive", { conversationId: channel.id });
  }

  /** Sends `body` as `sender` through `messages.send`; returns its seq. */
  async message(sender: Person, channel: SeededChannel, body: string): Promise<number> {
    return sendViaApi(await this.sessionOf(sender), { conversationId: channel.id, body });
  }

  async dispose(): Promise<void> {
    await Promise.all(this.requests.map((request) => request.dispose()));
  }
}

/** Opens a new browser context (desktop unless told) signed in as `person`, on a blank page. */
export type PageAs = (person: Person, options?: BrowserContextOptions) => Promise<Page>;

export const test = base.extend<{ seed: Seed; pageAs: PageAs }>({
  seed: async ({ playwright, baseURL }, provide) => {
    if (!baseURL) throw new Error("playwright.config.ts must set use.baseURL");
    const seed = new Seed(() => playwright.request.newContext({ baseURL }), new URL(baseURL).origin);
    await provide(seed);
    await seed.dispose();
  },
  pageAs: async ({ browser, baseURL }, provide) => {
    const contexts: BrowserContext[] = [];
    await provide(async (person, options = desktop) => {
      const context = await browser.newContext(options);
      contexts.push(context);
      // The context's request shares its cookie jar, so the session cookie lands in the browser.
      await new AppSession(context.request, new URL(baseURL!).origin).signIn(person);
      return context.newPage();
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
});
