/**
 * Text → frame, with the reason a frame was refused. The server answers each
 * refusal with an `error` frame of that code; the browser uses the same
 * function on what the server sends.
 */
import { type z } from "zod";
import { type FrameErrorCode } from "./close-codes.ts";
import { clientFrameSchema, serverFrameSchema, type ClientFrame, type ServerFrame } from "./frames.ts";

export type FrameParseResult<Frame> =
  | { ok: true; frame: Frame }
  | { ok: false; code: Extract<FrameErrorCode, "BAD_JSON" | "UNKNOWN_TYPE" | "INVALID_FRAME" | "UNSUPPORTED_VERSION">; message: string };

type FrameUnion = typeof clientFrameSchema | typeof serverFrameSchema;

function parseFrame<Schema extends FrameUnion>(schema: Schema, text: string): FrameParseResult<z.infer<Schema>> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, code: "BAD_JSON", message: "Frame is not valid JSON" };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, code: "INVALID_FRAME", message: "Frame must be a JSON object" };
  }
  const type = (value as { type?: unknown }).type;
  const knownTypes: readonly unknown[] = schema.options.map((option) => option.shape.type.value);
  if (!knownTypes.includes(type)) {
    return { ok: false, code: "UNKNOWN_TYPE", message: typeof type === "string" ? `Unknown frame type "${type.slice(0, 40)}"` : "Frame has no type" };
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue?.path[0] === "v") {
      return { ok: false, code: "UNSUPPORTED_VERSION", message: "Unsupported protocol version: reload the app" };
    }
    const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
    return { ok: false, code: "INVALID_FRAME", message: `Invalid ${String(type)} frame: ${where}${issue?.message ?? "schema violation"}`.slice(0, 500) };
  }
  return { ok: true, frame: parsed.data as z.infer<Schema> };
}

export function parseClientFrame(text: string): FrameParseResult<ClientFrame> {
  return parseFrame(clientFrameSchema, text);
}

export function parseServerFrame(text: string): FrameParseResult<ServerFrame> {
  return parseFrame(serverFrameSchema, text);
}

/** Serializes a frame; typed so only declared frames can be sent. */
export function encodeFrame(frame: ClientFrame | ServerFrame): string {
  return JSON.stringify(frame);
}
