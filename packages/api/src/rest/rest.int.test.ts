import { beforeAll, describe, expect, it } from "vitest";
import { bearerTokenOf } from "../testing/callers.ts";
import { createTestChannel } from "../testing/channels.ts";
import { personaDatabaseForThisFile } from "../testing/persona-database.ts";
import { createTestPorts, type TestPorts } from "../testing/personas.ts";
import { getConversations, postConversation } from "./conversations.rest.ts";
import { getConversationMessages, postMessage } from "./messages.rest.ts";
import type { RestDependencies } from "./rest-context.ts";

const context = personaDatabaseForThisFile();
let ports: TestPorts;
let deps: RestDependencies;
const tokens: Record<"alice" | "bob" | "mallory", string> = { alice: "", bob: "", mallory: "" };
let publicId: string;
let secretId: string;

beforeAll(async () => {
  ports = createTestPorts(context.database.prisma);
  deps = { db: context.database.prisma, makePorts: () => ports, logger: ports.logger };
  for (const name of ["alice", "bob", "mallory"] as const) {
    tokens[name] = await bearerTokenOf(context.database.prisma, context.people[name]);
  }
  publicId = (await createTestChannel(ports, context.people, { name: "rest-public", members: [context.people.bob] })).id;
  secretId = (await createTestChannel(ports, context.people, { name: "rest-secret", isPrivate: true, members: [context.people.bob] })).id;
});

function post(path: string, body: unknown, token?: string, headers: Record<string, string> = {}): Request {
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

function get(path: string, token?: string): Request {
  return new Request(`http://localhost${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

async function errorCode(response: Response): Promise<string> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(typeof body.error.message).toBe("string");
  return body.error.code;
}

describe("POST /api/v1/messages", () => {
  it("stores the message and answers 201 with its id and seq; a retry answers 200 with the same body", async () => {
    const request = () => post("/api/v1/messages", { conversationId: publicId, body: "hello from a script", clientMessageId: "script-1" }, tokens.alice);
    const first = await postMessage(request(), deps);
    expect(first.status).toBe(201);
    const body = await first.json();
    expect(body).toEqual({
      messageId: expect.stringMatching(/^[1-9][0-9]+$/),
      conversationId: publicId,
      seq: 1,
      timestamp: expect.any(String),
      status: "sent",
    });
    const retry = await postMessage(request(), deps);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual(body);
    expect(await context.database.prisma.message.count({ where: { conversationId: publicId } })).toBe(1);
  });

  it("generates a clientMessageId when none is given (no deduplication)", async () => {
    const first = await postMessage(post("/api/v1/messages", { conversationId: publicId, body: "twice" }, tokens.bob), deps);
    const second = await postMessage(post("/api/v1/messages", { conversationId: publicId, body: "twice" }, tokens.bob), deps);
    expect([first.status, second.status]).toEqual([201, 201]);
  });

  it("answers 401 without a valid bearer token, and stores nothing", async () => {
    const before = await context.database.prisma.message.count();
    for (const token of [undefined, "plt_wrong", tokens.alice.slice(0, -1) + "x"]) {
      const response = await postMessage(post("/api/v1/messages", { conversationId: publicId, body: "anon" }, token), deps);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toContain("Bearer");
      expect(await errorCode(response)).toBe("UNAUTHENTICATED");
    }
    // A session cookie is not a credential here.
    const cookieOnly = await postMessage(
      post("/api/v1/messages", { conversationId: publicId, body: "anon" }, undefined, { cookie: "next-auth.session-token=abc" }),
      deps,
    );
    expect(cookieOnly.status).toBe(401);
    expect(await context.database.prisma.message.count()).toBe(before);
  });

  it.each([
    ["an unknown key", 400, { conversationId: "PUBLIC", body: "x", isAdmin: true }],
    ["an empty body", 400, { conversationId: "PUBLIC", body: "  " }],
    ["a body over 40,000 characters", 400, { conversationId: "PUBLIC", body: "x".repeat(40_001) }],
    ["a NUL character", 400, { conversationId: "PUBLIC", body: "a\u0000b" }],
    ["an unknown conversation", 404, { conversationId: "00000000-0000-4000-8000-000000000000", body: "x" }],
    ["a malformed conversation id", 400, { conversationId: "../../etc", body: "x" }],
    ["malformed JSON", 400, '{"conversationId":'],
    ["a request over 256 KiB", 413, { conversationId: "PUBLIC", body: "é".repeat(140_000) }],
  ])("refuses %s with %i and no stack trace, storing nothing", async (_label, status, payload) => {
    const before = await context.database.prisma.message.count();
    const body = typeof payload === "string" ? payload : JSON.stringify(payload).replace("PUBLIC", publicId);
    const response = await postMessage(post("/api/v1/messages", body, tokens.alice), deps);
    expect(response.status).toBe(status);
    const text = await response.text();
    expect(text).not.toMatch(/at .*\.ts|prisma|SELECT/i);
    expect(JSON.parse(text)).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    expect(await context.database.prisma.message.count()).toBe(before);
  });

  it("refuses mallory: 404 for a private channel she knows the id of, 403 for a public one she has not joined", async () => {
    const before = await context.database.prisma.message.count();
    const secret = await postMessage(post("/api/v1/messages", { conversationId: secretId, body: "let me in" }, tokens.mallory), deps);
    expect(secret.status).toBe(404);
    const open = await postMessage(post("/api/v1/messages", { conversationId: publicId, body: "let me in" }, tokens.mallory), deps);
    expect(open.status).toBe(403);
    expect(await context.database.prisma.message.count()).toBe(before);
  });
});

describe("GET /api/v1/conversations/:id/messages", () => {
  it("pages history newest first with a seq cursor", async () => {
    const channel = await createTestChannel(ports, context.people, { name: "rest-history" });
    for (let n = 1; n <= 5; n += 1) {
      await postMessage(post("/api/v1/messages", { conversationId: channel.id, body: `m${n}` }, tokens.alice), deps);
    }
    const first = await getConversationMessages(get(`/api/v1/conversations/${channel.id}/messages?limit=2`, tokens.alice), deps, {
      conversationId: channel.id,
    });
    expect(first.status).toBe(200);
    const page = (await first.json()) as { messages: { seq: number; body: string }[]; nextCursor: string | null; hasMore: boolean };
    expect(page.messages.map((message) => message.seq)).toEqual([5, 4]);
    expect(page).toMatchObject({ nextCursor: "4", hasMore: true });
    const rest = await getConversationMessages(get(`/api/v1/conversations/${channel.id}/messages?cursor=4&limit=10`, tokens.alice), deps, {
      conversationId: channel.id,
    });
    expect(await rest.json()).toMatchObject({ messages: [{ seq: 3 }, { seq: 2 }, { seq: 1 }], nextCursor: null, hasMore: false });
  });

  it.each([["cursor=abc"], ["cursor=-1"], ["cursor=0"], ["limit=0"], ["limit=201"], ["limit=2.5"], ["unknown=1"]])("refuses ?%s with 400", async (query) => {
    const response = await getConversationMessages(get(`/api/v1/conversations/${publicId}/messages?${query}`, tokens.alice), deps, {
      conversationId: publicId,
    });
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe("INVALID");
  });

  it("hides private history from mallory (404) and requires a token (401)", async () => {
    const denied = await getConversationMessages(get(`/api/v1/conversations/${secretId}/messages`, tokens.mallory), deps, { conversationId: secretId });
    expect(denied.status).toBe(404);
    expect(await denied.text()).not.toContain("canary");
    const anonymous = await getConversationMessages(get(`/api/v1/conversations/${publicId}/messages`), deps, { conversationId: publicId });
    expect(anonymous.status).toBe(401);
  });
});

describe("/api/v1/conversations", () => {
  it("lists the caller's conversations with unread counts and the last message", async () => {
    const response = await getConversations(get("/api/v1/conversations?limit=50", tokens.alice), deps);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      conversations: { id: string; unreadCount: number; lastMessage: unknown }[];
      hasMore: boolean;
      nextCursor: string | null;
    };
    const open = body.conversations.find((conversation) => conversation.id === publicId);
    // alice read up to her own message (seq 1); bob's two messages after it are unread.
    expect(open).toMatchObject({ lastSeq: 3, unreadCount: 2, lastMessage: { bodyPreview: "twice" } });
    expect(body.conversations.some((conversation) => conversation.id === secretId)).toBe(true);
    expect(body).toMatchObject({ hasMore: false, nextCursor: null });
    const mallorys = (await (await getConversations(get("/api/v1/conversations", tokens.mallory), deps)).json()) as { conversations: unknown[] };
    expect(mallorys.conversations).toEqual([]);
    expect((await getConversations(get("/api/v1/conversations?cursor=bogus", tokens.bob), deps)).status).toBe(400);
  });

  it("creates channels (201, 409 on a taken name) and opens DMs (201, then 200)", async () => {
    const channel = await postConversation(
      post("/api/v1/conversations", { type: "channel", workspaceId: context.people.workspaceId, name: "Rest Made" }, tokens.alice),
      deps,
    );
    expect(channel.status).toBe(201);
    expect(await channel.json()).toMatchObject({ name: "rest-made", kind: "channel", isMember: true });
    const taken = await postConversation(
      post("/api/v1/conversations", { type: "channel", workspaceId: context.people.workspaceId, name: "rest-made" }, tokens.bob),
      deps,
    );
    expect(taken.status).toBe(409);
    const dm = await postConversation(
      post("/api/v1/conversations", { type: "dm", workspaceId: context.people.workspaceId, userIds: [context.people.bob.userId] }, tokens.alice),
      deps,
    );
    expect(dm.status).toBe(201);
    const again = await postConversation(
      post("/api/v1/conversations", { type: "dm", workspaceId: context.people.workspaceId, userIds: [context.people.alice.userId] }, tokens.bob),
      deps,
    );
    expect(again.status).toBe(200);
    expect(((await again.json()) as { id: string }).id).toBe(((await dm.json()) as { id: string }).id);
  });

  it("refuses unknown keys and unknown types with 400, changing nothing", async () => {
    const before = await context.database.prisma.conversation.count();
    for (const body of [
      { type: "channel", workspaceId: context.people.workspaceId, name: "sneaky", createdById: context.people.bob.userId },
      { type: "broadcast", workspaceId: context.people.workspaceId },
    ]) {
      const response = await postConversation(post("/api/v1/conversations", body, tokens.alice), deps);
      expect(response.status).toBe(400);
    }
    expect(await context.database.prisma.conversation.count()).toBe(before);
  });
});
