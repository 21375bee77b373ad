let uniqueCount = 0;

/**
 * A name no other call in this test file returns (`room-1`, `room-2`, …): channel
 * names and client message ids must differ within a workspace or a sender, and
 * each test file has a database of its own.
 */
export const unique = (prefix: string) => `${prefix}-${(uniqueCount += 1)}`;
