/**
 * How many procedures one tRPC HTTP request may carry. The route refuses a
 * longer batch with 400 before any procedure runs, so one request cannot
 * queue hundreds of password hashes or queries; the browser's batch link
 * splits its calls at the same number, so the app itself never hits it.
 */
export const MAX_PROCEDURES_PER_BATCH = 20;
