/**
 * Cross-site WebSocket hijacking defence: a page on another site can open a
 * socket to us and the browser attaches our cookies, so the upgrade is refused
 * (HTTP 403, before any frame) unless Origin is one of ours.
 *
 * A missing Origin is allowed. Browsers always send Origin on a WebSocket
 * upgrade, so its absence means a non-browser client (a bot, the CLI, the
 * load generator); such a client cannot borrow a victim's cookies, and it must
 * still present a valid token in `hello`. `Origin: null` (sandboxed iframes,
 * file:// pages, some redirects) comes from a browser and is refused.
 */
export type OriginVerdict = { isAllowed: true } | { isAllowed: false; reason: string };

export function checkUpgradeOrigin(origin: string | undefined, allowedOrigins: readonly string[]): OriginVerdict {
  if (origin === undefined) return { isAllowed: true };
  if (origin === "null") return { isAllowed: false, reason: "opaque origin" };
  // Browsers send the serialized origin (lower-case scheme and host, no default
  // port), the same form URL.origin produced for the allow list.
  return allowedOrigins.includes(origin) ? { isAllowed: true } : { isAllowed: false, reason: "origin not allowed" };
}
