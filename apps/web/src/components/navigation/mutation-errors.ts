/**
 * The tRPC error formatter (packages/api/src/trpc.ts) puts per-field messages
 * in `data.fieldErrors`, for domain errors and schema errors alike; forms show
 * them beside the field they are about.
 */
export function fieldErrorOf(error: unknown, field: string): string | null {
  if (!error || typeof error !== "object") return null;
  const data = (error as { data?: { fieldErrors?: Record<string, string> | null } | null }).data;
  return data?.fieldErrors?.[field] ?? null;
}

/** The readable message of a failed call, or null when there is none. */
export function messageOf(error: unknown): string | null {
  return error instanceof Error ? error.message : null;
}
