import { describe, expect, it } from "vitest";
import pino from "pino";
import { Prisma } from "@parley/db/client";
import { DomainError } from "../errors.ts";
import { errorResponse, jsonDepth, readJsonBody } from "./http.ts";

const silent = pino({ level: "silent" });

function jsonRequest(body: BodyInit | null, headers: Record<string, string> = { "content-type": "application/json" }): Request {
  return new Request("http://localhost/api/v1/messages", { method: "POST", body, headers, duplex: "half" } as RequestInit);
}

/** A body that fails the test if anyone reads it. */
function untouchableBody(): ReadableStream<Uint8Array> {
  return new ReadableStream({
    pull() {
      throw new Error("the body was read");
    },
  });
}

describe("readJsonBody", () => {
  it("parses a JSON object", async () => {
    await expect(readJsonBody(jsonRequest('{"a":[1,2]}'), { maxBytes: 100 })).resolves.toEqual({ a: [1, 2] });
  });

  it("refuses an oversize body by Content-Length before reading it", async () => {
    const request = jsonRequest(untouchableBody(), { "content-type": "application/json", "content-length": "1000" });
    await expect(readJsonBody(request, { maxBytes: 100 })).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
  });

  it("stops reading a body that streams past the cap without a Content-Length", async () => {
    let chunksPulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        chunksPulled += 1;
        controller.enqueue(new Uint8Array(64).fill(0x20));
      },
    });
    await expect(readJsonBody(jsonRequest(endless), { maxBytes: 1000 })).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    expect(chunksPulled).toBeLessThan(40);
  });

  it.each([
    ["malformed JSON", jsonRequest("{nope")],
    ["invalid UTF-8", jsonRequest(new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]))],
    ["a non-JSON content type", jsonRequest("{}", { "content-type": "text/plain" })],
    ["JSON nested 33 deep", jsonRequest("[".repeat(33) + "]".repeat(33))],
  ])("refuses %s with INVALID", async (_label, request) => {
    await expect(readJsonBody(request, { maxBytes: 10_000 })).rejects.toMatchObject({ code: "INVALID" });
  });

  it("accepts nesting of exactly 32", async () => {
    const nested32: unknown = Array.from({ length: 31 }).reduce<unknown[]>((inner) => [inner], []);
    await expect(readJsonBody(jsonRequest("[".repeat(32) + "]".repeat(32)), { maxBytes: 10_000 })).resolves.toEqual(nested32);
    expect(jsonDepth({ a: { b: [1] } })).toBe(3);
  });
});

describe("errorResponse", () => {
  it("maps a DomainError to its status and a JSON error body", async () => {
    const response = errorResponse(new DomainError("FORBIDDEN", "Join first."), silent);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: { code: "FORBIDDEN", message: "Join first." } });
    const unauthenticated = errorResponse(new DomainError("UNAUTHENTICATED", "Who are you?"), silent);
    expect(unauthenticated.headers.get("www-authenticate")).toContain("Bearer");
  });

  it("answers 500 without details for unexpected errors, and 503 for database outages", async () => {
    const response = errorResponse(new Error('relation "Secret" does not exist at line 1'), silent);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain("Secret");
    expect(JSON.parse(text)).toEqual({ error: { code: "INTERNAL", message: "Something went wrong. Try again." } });
    const outage = errorResponse(new Prisma.PrismaClientKnownRequestError("pool timeout", { code: "P2024", clientVersion: "7" }), silent);
    expect(outage.status).toBe(503);
    expect(((await outage.json()) as { error: { code: string } }).error.code).toBe("UNAVAILABLE");
  });
});
