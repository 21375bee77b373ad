/** The HTTP face of tRPC: error shapes forms rely on, the CSRF check, and no leaks. */
import { databaseForThisFile } from "@parley/db/testing/database";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { createApiContext } from "./context.ts";
import { appRouter } from "./root.ts";
import { appOrigin } from "./trpc.ts";

const database = databaseForThisFile();

async function post(path: string, input: unknown, headers: Record<string, string> = { origin: appOrigin() }) {
  const request = new Request(`http://localhost/api/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(superjson.serialize(input)),
  });
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: () => createApiContext({ db: database.prisma, actor: null, origin: request.headers.get("origin") }),
  });
  const envelope = (await response.json()) as { error?: Parameters<typeof superjson.deserialize>[0] };
  const error = envelope.error ? superjson.deserialize<{ message: string; data: Record<string, unknown> }>(envelope.error) : undefined;
  return { status: response.status, body: { error } };
}

const validSignUp = { name: "Alice", email: "alice@example.com", password: "correct horse battery", workspaceName: "Acme" };

describe("tRPC over HTTP", () => {
  it("answers a schema violation with 400 and one message per field", async () => {
    const { status, body } = await post("auth.signUp", { ...validSignUp, email: "nope", password: "short" });
    expect(status).toBe(400);
    expect(body.error?.data).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { email: "Enter a valid email address", password: "Use at least 8 characters" },
    });
    expect(body.error?.message).toBe("Enter a valid email address");
  });

  it("answers a taken email with 409, the domain code and the field error", async () => {
    expect((await post("auth.signUp", validSignUp)).status).toBe(200);
    const { status, body } = await post("auth.signUp", { ...validSignUp, name: "Alice 2" });
    expect(status).toBe(409);
    expect(body.error?.data).toMatchObject({ code: "CONFLICT", domainCode: "CONFLICT", fieldErrors: { email: expect.stringContaining("sign in instead") } });
  });

  it("refuses extra keys with 400 and stores nothing", async () => {
    const before = await database.prisma.user.count();
    const { status } = await post("auth.signUp", { ...validSignUp, email: "x@example.com", role: "owner", isAdmin: true });
    expect(status).toBe(400);
    expect(await database.prisma.user.count()).toBe(before);
  });

  it("refuses mutations from another origin or without one (CSRF) before doing anything", async () => {
    const before = await database.prisma.user.count();
    for (const headers of [{ origin: "https://evil.test" }, { origin: "null" }, {} as Record<string, string>]) {
      const { status } = await post("auth.signUp", { ...validSignUp, email: "csrf@example.com" }, headers);
      expect(status).toBe(403);
    }
    expect(await database.prisma.user.count()).toBe(before);
  });

  it("refuses protected procedures without a session with 401", async () => {
    const { status, body } = await post("workspaces.create", { name: "Nope" });
    expect(status).toBe(401);
    expect(body.error?.data).toMatchObject({ code: "UNAUTHORIZED" });
  });
});
