/**
 * The Next.js route files themselves (not only the handlers they wrap): their
 * exports are the functions Next calls, with the web app's own database
 * singleton. Proves the wiring; behaviour is covered in packages/api/src/rest.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@parley/db/client";
import { bearerTokenOf } from "@parley/api/testing/callers";
import { createTestChannel } from "@parley/api/testing/channels";
import { personaDatabaseForThisFile } from "@parley/api/testing/persona-database";
import { createTestPorts } from "@parley/api/testing/personas";
import type * as HistoryRoute from "./conversations/[id]/messages/route.ts";
import type * as ConversationsRoute from "./conversations/route.ts";
import type * as MessagesRoute from "./messages/route.ts";

const context = personaDatabaseForThisFile();
let token: string;
let malloryToken: string;
let channelId: string;
let secretId: string;
let routes: {
  messages: typeof MessagesRoute;
  conversations: typeof ConversationsRoute;
  history: typeof HistoryRoute;
};

beforeAll(async () => {
  // The route files read DATABASE_URL through the web app's env.ts on first use.
  process.env.DATABASE_URL = context.database.url;
  routes = {
    messages: await import("./messages/route.ts"),
    conversations: await import("./conversations/route.ts"),
    history: await import("./conversations/[id]/messages/route.ts"),
  };
  token = await bearerTokenOf(context.database.prisma, context.people.alice);
  malloryToken = await bearerTokenOf(context.database.prisma, context.people.mallory);
  const ports = createTestPorts(context.database.prisma);
  channelId = (await createTestChannel(ports, context.people, { name: "routes" })).id;
  secretId = (await createTestChannel(ports, context.people, { name: "routes-secret", isPrivate: true })).id;
});
afterAll(async () => {
  const webDb = (globalThis as { parleyDb?: PrismaClient }).parleyDb;
  await webDb?.$disconnect();
});

const auth = (bearer: string) => ({ authorization: `Bearer ${bearer}` });

describe("/api/v1 route files", () => {
  it("POST /api/v1/messages sends through the web app's database", async () => {
    const response = await routes.messages.POST(
      new Request("http://localhost/api/v1/messages", {
        method: "POST",
        headers: { "content-type": "application/json", ...auth(token) },
        body: JSON.stringify({ conversationId: channelId, body: "via the route", clientMessageId: "route-1" }),
      }),
    );
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ conversationId: channelId, seq: 1, status: "sent" });
    expect(await context.database.prisma.message.count({ where: { conversationId: channelId, body: "via the route" } })).toBe(1);
  });

  it("GET /api/v1/conversations/:id/messages reads params from Next's promise", async () => {
    const response = await routes.history.GET(new Request(`http://localhost/api/v1/conversations/${channelId}/messages`, { headers: auth(token) }), {
      params: Promise.resolve({ id: channelId }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ messages: [{ body: "via the route" }], hasMore: false, nextCursor: null });
    const denied = await routes.history.GET(new Request(`http://localhost/api/v1/conversations/${secretId}/messages`, { headers: auth(malloryToken) }), {
      params: Promise.resolve({ id: secretId }),
    });
    expect(denied.status).toBe(404);
  });

  it("GET and POST /api/v1/conversations", async () => {
    const list = await routes.conversations.GET(new Request("http://localhost/api/v1/conversations", { headers: auth(token) }));
    expect(list.status).toBe(200);
    expect(((await list.json()) as { conversations: { id: string }[] }).conversations.map((conversation) => conversation.id)).toContain(channelId);
    const created = await routes.conversations.POST(
      new Request("http://localhost/api/v1/conversations", {
        method: "POST",
        headers: { "content-type": "application/json", ...auth(token) },
        body: JSON.stringify({ type: "dm", workspaceId: context.people.workspaceId, userIds: [context.people.bob.userId] }),
      }),
    );
    expect(created.status).toBe(201);
    const anonymous = await routes.conversations.GET(new Request("http://localhost/api/v1/conversations"));
    expect(anonymous.status).toBe(401);
  });
});
