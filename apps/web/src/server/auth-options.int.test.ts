/** next-auth wiring against a real database: credentials → verifyCredentials, and sessions of deleted users. */
import { signUp } from "@parley/api/auth/auth.service";
import { systemClock } from "@parley/api/ports";
import { createTestDatabase, type TestDatabase } from "@parley/db/testing/database";
import type { NextAuthOptions } from "next-auth";
import type { CredentialsConfig } from "next-auth/providers/credentials";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let database: TestDatabase;
let authOptions: NextAuthOptions;
let authorize: CredentialsConfig["authorize"];
const password = "correct horse battery";
let alice: { userId: string };

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  const { getAuthOptions } = await import("./auth-options.ts");
  authOptions = getAuthOptions();
  const credentials = authOptions.providers.find((provider) => provider.id === "credentials") as CredentialsConfig & {
    options: { authorize: CredentialsConfig["authorize"] };
  };
  authorize = credentials.options.authorize;
  alice = await signUp({ db: database.prisma, clock: systemClock }, { name: "Alice", email: "alice@example.com", password, workspaceName: "Acme" });
});
afterAll(async () => {
  const { getDb } = await import("./db.ts");
  await getDb().$disconnect();
  await database.drop();
});

const request = { headers: { "x-forwarded-for": "203.0.113.5" }, body: {}, query: {}, method: "POST" };

describe("credentials sign-in", () => {
  it("returns the user for the right password and null (generic error) for a wrong one", async () => {
    await expect(authorize({ email: "ALICE@example.com", password }, request)).resolves.toEqual({
      id: alice.userId,
      email: "alice@example.com",
      name: "Alice",
    });
    await expect(authorize({ email: "alice@example.com", password: "nope nope" }, request)).resolves.toBeNull();
    await expect(authorize({ email: "nobody@example.com", password }, request)).resolves.toBeNull();
  });

  it("reports the rate limit as its own error code after 5 failures", async () => {
    const email = "bob@example.com";
    await signUp({ db: database.prisma, clock: systemClock }, { name: "Bob", email, password, workspaceName: "Bob's" });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await expect(authorize({ email, password: `wrong ${attempt}` }, request)).resolves.toBeNull();
    }
    await expect(authorize({ email, password }, request)).rejects.toThrow("RATE_LIMITED");
  });
});

describe("JWT sessions", () => {
  type JwtParams = Parameters<NonNullable<NonNullable<NextAuthOptions["callbacks"]>["jwt"]>>[0];
  const jwt = (params: JwtParams) => authOptions.callbacks!.jwt!(params);
  // After sign-in next-auth calls jwt() without `user`, although its type says it is always there.
  const onSessionRead = (token: JwtParams["token"]) => jwt({ token, account: null, user: undefined as unknown as JwtParams["user"] });

  it("puts our user id in the token at sign-in and keeps it while the user exists", async () => {
    const token = await jwt({ token: { email: "alice@example.com" }, user: { id: alice.userId, email: "alice@example.com" }, account: null });
    expect(token.sub).toBe(alice.userId);
    await expect(onSessionRead(token)).resolves.toMatchObject({ sub: alice.userId });
  });

  it("stops accepting the token once the user is deleted", async () => {
    const carol = await signUp({ db: database.prisma, clock: systemClock }, { name: "Carol", email: "carol@example.com", password, workspaceName: "Carol's" });
    const token = { sub: carol.userId };
    await expect(onSessionRead(token)).resolves.toMatchObject({ sub: carol.userId });
    await database.prisma.user.delete({ where: { id: carol.userId } });
    await expect(onSessionRead(token)).rejects.toThrow(/no longer exists/);
  });
});
