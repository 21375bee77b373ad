/** Runs once when the server starts, before it serves requests. */
export async function register(): Promise<void> {
  // Next replaces this literal at build time, so the edge bundle never includes the Node-only check.
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { exitOnInvalidConfiguration, installEventBus } = await import("./server/startup.ts");
    exitOnInvalidConfiguration();
    await installEventBus();
  }
}
