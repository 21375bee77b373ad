/**
 * Limits of the HTTP API that hold on the real server: one tRPC request
 * carries at most MAX_PROCEDURES_PER_BATCH procedures (apps/web/src/trpc/batch-limit.ts),
 * so a single request cannot queue hundreds of password hashes or queries.
 */
import { expect, test } from "./fixtures.ts";

// The limit of apps/web/src/trpc/batch-limit.ts (apps/web is not an ES module package, so the e2e files cannot import it).
const MAX_PROCEDURES_PER_BATCH = 20;
const batchOf = (count: number) => `/api/trpc/${Array.from({ length: count }, () => "workspaces.listMine").join(",")}?batch=1`;

test("a tRPC batch over the limit is refused with 400 before any procedure runs", async ({ request }) => {
  // Premise: a batch at the limit reaches its procedures, which refuse the anonymous caller one by one.
  const atLimit = await request.get(batchOf(MAX_PROCEDURES_PER_BATCH));
  expect(atLimit.status()).toBe(401);
  expect(await atLimit.text()).toContain("UNAUTHORIZED");

  const overLimit = await request.get(batchOf(MAX_PROCEDURES_PER_BATCH + 1));
  expect(overLimit.status()).toBe(400);
  const body = await overLimit.text();
  expect(body).toContain("Batch call exceeds maximum size");
  expect(body).not.toContain("UNAUTHORIZED");
});
