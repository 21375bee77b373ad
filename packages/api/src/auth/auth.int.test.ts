import { databaseForThisFile } from "@parley/db/testing/database";
import { beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../errors.ts";
import type { Clock } from "../ports.ts";
import { createPostgresFixedWindowLimiter } from "../rate-limit/fixed-window-limiter.ts";
import { logger } from "../logger.ts";
import { LOGIN_FAILURE_RULE } from "./login-limiter.ts";
import { EMAIL_TAKEN_MESSAGE, INCORRECT_CREDENTIALS_MESSAGE, TOO_MANY_ATTEMPTS_MESSAGE } from "./auth.schema.ts";
import { signUp, verifyCredentials, type SignInPorts } from "./auth.service.ts";

const database = databaseForThisFile();
let clockNow = new Date("2026-03-02T09:00:00.000Z");
const clock: Clock = { now: () => clockNow };
let ports: SignInPorts;
const password = "correct horse battery";

beforeAll(async () => {
  ports = {
    db: database.prisma,
    clock,
    loginLimiter: createPostgresFixedWindowLimiter({ db: database.prisma, rule: LOGIN_FAILURE_RULE, logger }),
  };
});

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

async function storedCounts() {
  const db = database.prisma;
  const [users, workspaces, memberships, conversations] = await Promise.all([
    db.user.count(),
    db.workspace.count(),
    db.membership.count(),
    db.conversation.count(),
  ]);
  return { users, workspaces, memberships, conversations };
}

let emailCounter = 0;
const freshEmail = (prefix: string) => `${prefix}-${++emailCounter}@example.com`;

describe("signUp", () => {
  it("creates the user with an argon2 hash, a workspace they own and #general/#random they are in", async () => {
    const result = await signUp(ports, { name: "Alice Adams", email: "  Alice@Example.COM ", password, workspaceName: "Acme Inc." });

    const user = await database.prisma.user.findUniqueOrThrow({ where: { id: result.userId } });
    expect(user.email).toBe("alice@example.com");
    expect(user.name).toBe("Alice Adams");
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.passwordHash).not.toContain(password);

    expect(result.workspaceSlug).toBe("acme-inc");
    const workspace = await database.prisma.workspace.findUniqueOrThrow({
      where: { slug: result.workspaceSlug },
      include: { memberships: true, conversations: { include: { participants: true }, orderBy: { name: "asc" } } },
    });
    expect(workspace.name).toBe("Acme Inc.");
    expect(workspace.memberships).toEqual([expect.objectContaining({ userId: user.id, role: "owner", deactivatedAt: null })]);
    expect(workspace.conversations.map((c) => [c.kind, c.name])).toEqual([
      ["channel", "general"],
      ["channel", "random"],
    ]);
    for (const conversation of workspace.conversations) {
      expect(conversation.participants.map((p) => p.userId)).toEqual([user.id]);
    }
  });

  it("gives a second workspace with the same name its own slug", async () => {
    const result = await signUp(ports, { name: "Bob", email: freshEmail("bob"), password, workspaceName: "Acme Inc" });
    expect(result.workspaceSlug).toBe("acme-inc-2");
  });

  it("normalizes names with NFKC and refuses bidi and zero-width controls", async () => {
    const result = await signUp(ports, { name: "Ｃａｒｏｌ", email: freshEmail("carol"), password, workspaceName: "Carol's ｔｅａｍ" });
    const user = await database.prisma.user.findUniqueOrThrow({ where: { id: result.userId } });
    expect(user.name).toBe("Carol");

    const before = await storedCounts();
    for (const name of ["evil\u202Egnp.exe", "zero\u200Bwidth", "\u2066isolate"]) {
      const error = await rejection(signUp(ports, { name, email: freshEmail("mallory"), password, workspaceName: "X" }));
      expect(error.code).toBe("INVALID");
      expect(error.fieldErrors?.name).toMatch(/invisible or direction-changing/);
    }
    expect(await storedCounts()).toEqual(before);
  });

  it.each([
    ["an invalid email", { email: "not-an-email" }, "email", /valid email/],
    ["a short password", { password: "short" }, "password", /at least 8/],
    ["a very long password", { password: "x".repeat(201) }, "password", /at most 200/],
    ["an empty name", { name: "   " }, "name", /required/],
    ["no workspace and no invite", { workspaceName: undefined }, "workspaceName", /required/],
  ])("refuses %s with a field error and stores nothing", async (_label, override, field, message) => {
    const before = await storedCounts();
    const input = { name: "Dora", email: freshEmail("dora"), password, workspaceName: "Dora's", ...override };
    const error = await rejection(signUp(ports, input));
    expect(error.code).toBe("INVALID");
    expect(error.fieldErrors?.[field]).toMatch(message);
    expect(await storedCounts()).toEqual(before);
  });

  it("refuses a taken email (in any case or spacing) with CONFLICT and stores nothing", async () => {
    const before = await storedCounts();
    const error = await rejection(signUp(ports, { name: "Alice Again", email: " ALICE@example.com", password, workspaceName: "Other" }));
    expect(error.code).toBe("CONFLICT");
    expect(error.fieldErrors).toEqual({ email: EMAIL_TAKEN_MESSAGE });
    expect(await storedCounts()).toEqual(before);
  });

  it("lets only one of two simultaneous sign-ups with the same email through", async () => {
    const email = freshEmail("twin");
    const results = await Promise.allSettled([
      signUp(ports, { name: "Twin A", email, password, workspaceName: "Twins A" }),
      signUp(ports, { name: "Twin B", email, password, workspaceName: "Twins B" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failure = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(failure.reason).toMatchObject({ code: "CONFLICT" });
    expect(await database.prisma.user.count({ where: { email } })).toBe(1);
  });

  it("rejects extra keys (mass assignment of a role) and stores nothing", async () => {
    const before = await storedCounts();
    const input = { name: "Mallory", email: freshEmail("mallory"), password, workspaceName: "Evil", role: "owner" };
    const error = await rejection(signUp(ports, input as unknown as Parameters<typeof signUp>[1]));
    expect(error.code).toBe("INVALID");
    expect(await storedCounts()).toEqual(before);
  });
});

describe("verifyCredentials", () => {
  it("accepts the right password, in any email case", async () => {
    const email = freshEmail("erin");
    const { userId } = await signUp(ports, { name: "Erin", email, password, workspaceName: "Erin's" });
    await expect(verifyCredentials(ports, { email: email.toUpperCase(), password, clientIp: null })).resolves.toMatchObject({ userId, email });
  });

  it("answers a wrong password and an unknown email with the same generic error", async () => {
    const email = freshEmail("frank");
    await signUp(ports, { name: "Frank", email, password, workspaceName: "Frank's" });
    const wrongPassword = await rejection(verifyCredentials(ports, { email, password: "wrong password", clientIp: null }));
    const unknownEmail = await rejection(verifyCredentials(ports, { email: freshEmail("nobody"), password, clientIp: null }));
    for (const error of [wrongPassword, unknownEmail]) {
      expect(error.code).toBe("UNAUTHENTICATED");
      expect(error.message).toBe(INCORRECT_CREDENTIALS_MESSAGE);
      expect(error.fieldErrors).toBeUndefined();
    }
  });

  it("locks an account after 5 failures, even for the right password, until the minute is over", async () => {
    clockNow = new Date("2026-03-02T10:00:00.000Z");
    const email = freshEmail("grace");
    const grace = await signUp(ports, { name: "Grace", email, password, workspaceName: "Grace's" });
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      // a different IP each time: the account limit alone must hold
      const error = await rejection(verifyCredentials(ports, { email, password: `guess ${attempt}`, clientIp: `198.51.100.${attempt}` }));
      expect(error.code).toBe("UNAUTHENTICATED");
    }
    const locked = await rejection(verifyCredentials(ports, { email, password, clientIp: "198.51.100.99" }));
    expect(locked.code).toBe("RATE_LIMITED");
    expect(locked.message).toBe(TOO_MANY_ATTEMPTS_MESSAGE);

    clockNow = new Date(clockNow.getTime() + 61_000);
    await expect(verifyCredentials(ports, { email, password, clientIp: "198.51.100.99" })).resolves.toEqual({ userId: grace.userId, email, name: "Grace" });
  });

  it("locks an IP after 5 failures across accounts, without locking those accounts elsewhere", async () => {
    clockNow = new Date("2026-03-02T11:00:00.000Z");
    const attackerIp = "203.0.113.7";
    const victims = [freshEmail("heidi"), freshEmail("ivan")];
    const victimIds: string[] = [];
    for (const email of victims) victimIds.push((await signUp(ports, { name: "Victim", email, password, workspaceName: "Victims" })).userId);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const email = freshEmail("sprayed"); // unknown accounts: each account count stays at 1
      await expect(verifyCredentials(ports, { email, password: "123456", clientIp: attackerIp })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    }
    await expect(verifyCredentials(ports, { email: victims[0]!, password, clientIp: attackerIp })).rejects.toMatchObject({ code: "RATE_LIMITED" });
    await expect(verifyCredentials(ports, { email: victims[0]!, password, clientIp: "192.0.2.10" })).resolves.toEqual({
      userId: victimIds[0],
      email: victims[0],
      name: "Victim",
    });
    await expect(verifyCredentials(ports, { email: victims[1]!, password, clientIp: null })).resolves.toEqual({
      userId: victimIds[1],
      email: victims[1],
      name: "Victim",
    });
  });

  it("does not count successful sign-ins", async () => {
    clockNow = new Date("2026-03-02T12:00:00.000Z");
    const email = freshEmail("judy");
    const judy = await signUp(ports, { name: "Judy", email, password, workspaceName: "Judy's" });
    for (let attempt = 0; attempt < 12; attempt += 1) {
      await expect(verifyCredentials(ports, { email, password, clientIp: "192.0.2.20" })).resolves.toEqual({ userId: judy.userId, email, name: "Judy" });
    }
  });

  it("lets exactly 5 of 50 concurrent guesses at one account be checked", async () => {
    clockNow = new Date("2026-03-02T13:00:00.000Z");
    const email = freshEmail("ken");
    await signUp(ports, { name: "Ken", email, password, workspaceName: "Ken's" });
    const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => verifyCredentials(ports, { email, password: `guess ${i}`, clientIp: null })));
    const codes = results.map((r) => (r.status === "rejected" ? (r.reason as DomainError).code : "OK"));
    expect(codes.filter((code) => code === "UNAUTHENTICATED")).toHaveLength(5);
    expect(codes.filter((code) => code === "RATE_LIMITED")).toHaveLength(45);
    await expect(verifyCredentials(ports, { email, password, clientIp: null })).rejects.toMatchObject({ code: "RATE_LIMITED" });
  });

  it("lets no more than 5 of 50 concurrent guesses through when account and IP limits both apply", async () => {
    clockNow = new Date("2026-03-02T14:00:00.000Z");
    const email = freshEmail("leo");
    await signUp(ports, { name: "Leo", email, password, workspaceName: "Leo's" });
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => verifyCredentials(ports, { email, password: `guess ${i}`, clientIp: "192.0.2.40" })),
    );
    const codes = results.map((r) => (r.status === "rejected" ? (r.reason as DomainError).code : "OK"));
    // Two counters taken in different orders can refuse a little more than needed, never less.
    const checked = codes.filter((code) => code === "UNAUTHENTICATED").length;
    expect(checked).toBeGreaterThanOrEqual(1);
    expect(checked).toBeLessThanOrEqual(5);
    expect(codes.filter((code) => code === "RATE_LIMITED")).toHaveLength(50 - checked);
    const buckets = await database.prisma.rateLimitBucket.findMany({ where: { key: { in: [`login:account:${email}`, "login:ip:192.0.2.40"] } } });
    for (const bucket of buckets) expect(bucket.count).toBe(checked);
  });
});
