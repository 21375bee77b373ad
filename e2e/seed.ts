/**
 * Seeding through the app's own HTTP API (tRPC at /api/trpc, next-auth at
 * /api/auth), so each e2e test creates the people, workspace and channels it
 * needs and stands alone. Nothing here touches the database directly: what a
 * test starts from is what a person could have made by using the app.
 */
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { runId } from "./support.ts";

export interface Person {
  userId: string;
  name: string;
  email: string;
  password: string;
}

export interface SeededWorkspace {
  id: string;
  slug: string;
  name: string;
  /** `/w/<slug>`: where a member lands. */
  path: string;
  owner: Person;
}

export interface SeededChannel {
  id: string;
  name: string;
  /** `/w/<slug>/c/<id>`: the channel's page. */
  path: string;
}

let uniqueCount = 0;
/** A name no other test of this run uses (the database is fresh per run; tests within it share it). */
export const unique = (prefix: string) => `${prefix}-${runId}-${(uniqueCount += 1)}`;

/** "Ada Lovelace" → a fresh ada-lovelace-…@example.com person with a password of their own. */
export function newPersonDetails(name: string): Omit<Person, "userId"> {
  const local = unique(name.toLowerCase().replace(/[^a-z]+/g, "-"));
  return { name, email: `${local}@example.com`, password: `${local} long password` };
}

async function readTrpcResult<Output>(response: APIResponse, procedure: string): Promise<Output> {
  if (!response.ok()) throw new Error(`${procedure} failed: ${response.status()} ${await response.text()}`);
  return ((await response.json()) as { result: { data: { json: Output } } }).result.data.json;
}

/** One person's (or nobody's) HTTP session with the app: cookies live in `request`. */
export class AppSession {
  constructor(
    readonly request: APIRequestContext,
    private readonly origin: string,
  ) {}

  /** A tRPC mutation; the Origin header is what a page of the app sends (tRPC refuses mutations from other origins). */
  mutate(procedure: string, input: unknown): Promise<APIResponse> {
    return this.request.post(`/api/trpc/${procedure}`, { headers: { origin: this.origin, "content-type": "application/json" }, data: { json: input } });
  }

  async mutation<Output>(procedure: string, input: unknown): Promise<Output> {
    return readTrpcResult<Output>(await this.mutate(procedure, input), procedure);
  }

  async query<Output>(procedure: string, input: unknown): Promise<Output> {
    const encoded = encodeURIComponent(JSON.stringify({ json: input }));
    return readTrpcResult<Output>(await this.request.get(`/api/trpc/${procedure}?input=${encoded}`), procedure);
  }

  /** Signs in with next-auth's credentials callback, as the sign-in form does; the session cookie stays in `request`. */
  async signIn(person: Pick<Person, "email" | "password">): Promise<void> {
    const csrf = (await (await this.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await this.request.post("/api/auth/callback/credentials", {
      headers: { origin: this.origin },
      form: { csrfToken: csrf.csrfToken, email: person.email, password: person.password, json: "true" },
    });
    const cookies = await this.request.storageState();
    if (!response.ok() || !cookies.cookies.some((cookie) => cookie.name.endsWith("next-auth.session-token"))) {
      throw new Error(`sign-in of ${person.email} failed: ${response.status()} ${await response.text()}`);
    }
  }
}

/** Signs a new person up through `auth.signUp`: with a new workspace, or into one by invite token. */
export async function signUp(anonymous: AppSession, details: Omit<Person, "userId">, joining: { workspaceName: string } | { inviteToken: string }) {
  const result = await anonymous.mutation<{ userId: string; workspaceSlug: string }>("auth.signUp", { ...details, ...joining });
  return { person: { ...details, userId: result.userId }, workspaceSlug: result.workspaceSlug };
}

interface ShellConversation {
  id: string;
  displayName: string;
}

/** The workspace as its member sees it (ids of the default channels among them). */
export function workspaceShell(member: AppSession, slug: string) {
  return member.query<{ workspace: { id: string; slug: string; name: string }; channels: ShellConversation[] }>("workspaces.shell", { slug });
}

export async function channelByName(member: AppSession, workspace: SeededWorkspace, name: string): Promise<SeededChannel> {
  const shell = await workspaceShell(member, workspace.slug);
  const channel = shell.channels.find((candidate) => candidate.displayName === name);
  if (!channel) throw new Error(`no #${name} in ${workspace.slug} for this member`);
  return { id: channel.id, name, path: `${workspace.path}/c/${channel.id}` };
}

/** Sends through `messages.send`, waiting out the per-sender limit (10/s, then 429); returns the message's seq. */
export async function sendViaApi(sender: AppSession, input: { conversationId: string; body: string; clientMessageId?: string }): Promise<number> {
  const deadline = Date.now() + 60_000;
  const message = { clientMessageId: unique("message"), ...input };
  for (;;) {
    const response = await sender.mutate("messages.send", message);
    if (response.ok()) return (await readTrpcResult<{ message: { seq: number } }>(response, "messages.send")).message.seq;
    // A retry reuses the clientMessageId, so a send that did land is not doubled.
    if (response.status() !== 429 || Date.now() > deadline) throw new Error(`send failed: ${response.status()} ${await response.text()}`);
    await new Promise((resolve) => setTimeout(resolve, 120));
  }
}
