import { getWebEnv } from "../env.ts";

/**
 * With a bad configuration, say why and exit rather than stay up answering
 * every request with an error.
 */
export function exitOnInvalidConfiguration(): void {
  try {
    getWebEnv();
  } catch (error) {
    // eslint-disable-next-line no-console -- the logger may itself be misconfigured; this must reach the operator
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
