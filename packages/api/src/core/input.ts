import type { z } from "zod";
import { DomainError } from "../errors.ts";

/**
 * Services validate their own input too: the realtime server and REST call them
 * with data straight off the wire, and a bad value must become INVALID, never
 * a database error.
 */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length > 0 ? issue.path.join(".") : "input";
    fieldErrors[field] ??= issue.message;
  }
  const first = result.error.issues[0];
  const where = first && first.path.length > 0 ? `${first.path.join(".")}: ` : "";
  throw new DomainError("INVALID", `${where}${first?.message ?? "Invalid input"}`, fieldErrors);
}
