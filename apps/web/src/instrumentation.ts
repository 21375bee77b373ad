import { getWebEnv, isNodeRuntime } from "./env.ts";

/** Runs once when the server starts: refuse to serve with a bad configuration. */
export async function register(): Promise<void> {
  if (!isNodeRuntime()) return;
  getWebEnv();
}
