/**
 * Helpers shared by the REST route handlers (apps/web/src/app/api/v1): read a
 * JSON body with a size cap, validate with strict zod schemas, and answer
 * errors as `{ error: { code, message } }` with the HTTP status of the
 * DomainError code. Stacks and SQL never leave the server.
 */
import type { z } from "zod";
import { asUnavailableIfInfrastructure } from "../core/database.ts";
import { DomainError, httpStatusByCode, isDomainError } from "../errors.ts";
import type { Logger } from "../logger.ts";

export const MAX_JSON_DEPTH = 32;

export interface RestErrorBody {
  error: { code: string; message: string; fieldErrors?: Record<string, string> };
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff", ...headers },
  });
}

/** Maps anything thrown by a handler to a response; unexpected errors are logged and answered 500 without details. */
export function errorResponse(error: unknown, logger: Logger): Response {
  const mapped = asUnavailableIfInfrastructure(error);
  if (isDomainError(mapped)) {
    const body: RestErrorBody = { error: { code: mapped.code, message: mapped.message, ...(mapped.fieldErrors ? { fieldErrors: mapped.fieldErrors } : {}) } };
    const headers: Record<string, string> = mapped.code === "UNAUTHENTICATED" ? { "www-authenticate": 'Bearer realm="parley"' } : {};
    if (mapped.code === "RATE_LIMITED") headers["retry-after"] = "1";
    if (mapped.code === "UNAVAILABLE") {
      headers["retry-after"] = "2";
      logger.warn({ err: error }, "REST request failed: service unavailable");
    }
    return jsonResponse(httpStatusByCode[mapped.code], body, headers);
  }
  logger.error({ err: error }, "REST request failed");
  return jsonResponse(500, { error: { code: "INTERNAL", message: "Something went wrong. Try again." } } satisfies RestErrorBody);
}

/**
 * Reads the request body as JSON, refusing with 413 before parsing when it is
 * over `maxBytes` (by Content-Length, or while streaming when that is absent
 * or lies), 400 for a wrong content type, invalid UTF-8, malformed JSON or
 * nesting deeper than 32.
 */
export async function readJsonBody(request: Request, options: { maxBytes: number }): Promise<unknown> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(contentType)) {
    throw new DomainError("INVALID", "Send a JSON body with Content-Type: application/json.");
  }
  const tooLarge = () => new DomainError("PAYLOAD_TOO_LARGE", `The request body is over ${options.maxBytes} bytes.`);
  const declaredLength = Number(request.headers.get("content-length"));
  if (Number.isFinite(declaredLength) && declaredLength > options.maxBytes) throw tooLarge();

  const bytes = await readCapped(request, options.maxBytes, tooLarge);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new DomainError("INVALID", "The request body is not valid UTF-8.");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new DomainError("INVALID", "The request body is not valid JSON.");
  }
  if (jsonDepth(value) > MAX_JSON_DEPTH) throw new DomainError("INVALID", `The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels.`);
  return value;
}

async function readCapped(request: Request, maxBytes: number, tooLarge: () => DomainError): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Depth of nested arrays/objects, iteratively (a hostile body must not blow the stack). */
export function jsonDepth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== "object" || current === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_JSON_DEPTH) return deepest;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** Validates with a (strict) zod schema; failures are 400 with the first issue as the message. */
export function parseRestInput<Schema extends z.ZodType>(schema: Schema, value: unknown): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const where = first && first.path.length > 0 ? `${first.path.join(".")}: ` : "";
  throw new DomainError("INVALID", `${where}${first?.message ?? "Invalid request"}`);
}
